namespace Switchyard.Core.Ingest.Currents;

/// <summary>How to read one Custom HTTP connector request.</summary>
/// <param name="Environment">The mParticle environment written into every converted batch (the feed's, else <c>production</c>).</param>
/// <param name="Ingest">The Events API options the converted batches are validated with, exactly as <c>/v2/bulkevents</c> would.</param>
/// <param name="MaxEvents">At most this many events per request: Braze sends up to 100 (reference/braze.md §6).</param>
public sealed record CurrentsParseOptions(string Environment, IngestParseOptions Ingest, int MaxEvents = 100);
