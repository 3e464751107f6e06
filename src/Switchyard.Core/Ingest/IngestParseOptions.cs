namespace Switchyard.Core.Ingest;

/// <summary>How to parse one Events API request.</summary>
/// <param name="Now">The receive time; the historical 72-hour rule is measured from it.</param>
/// <param name="Historical">True for <c>/v2/bulkevents/historical</c> (reference/mparticle.md §1.1).</param>
/// <param name="MaxBatchBytes">The per-batch size limit, 128 KB by default (§1.1); a bigger batch gives 413.</param>
/// <param name="MaxBatchesPerRequest">The bulk batch count limit, 100 by default (§1.1).</param>
public sealed record IngestParseOptions(DateTimeOffset Now, bool Historical = false, int MaxBatchBytes = 128 * 1024, int MaxBatchesPerRequest = 100);
