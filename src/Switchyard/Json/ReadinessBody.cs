namespace Switchyard.Json;

/// <summary>The answer of <c>/health/ready</c>.</summary>
/// <param name="Status"><c>ready</c> (200) or <c>unavailable</c> (503).</param>
/// <param name="Storage"><c>ok</c>, or <c>unreachable</c> when the database did not answer the probe in time.</param>
/// <param name="Partitions">
/// <c>may_own</c> (this node processes and may own user partitions), <c>ingest_only</c> (<c>--no-processor</c>: it
/// stores batches and owns none) or <c>stopping</c> (shutting down: it hands its partitions over and takes no new ones).
/// </param>
internal sealed record ReadinessBody(string Status, string Storage, string Partitions);
