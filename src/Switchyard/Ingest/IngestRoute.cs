namespace Switchyard.Ingest;

/// <summary>The three Events API routes (reference/mparticle.md §1.1).</summary>
internal enum IngestRoute
{
    /// <summary><c>POST /v2/events</c>: one batch.</summary>
    Events,

    /// <summary><c>POST /v2/bulkevents</c>: an array of up to 100 batches.</summary>
    Bulk,

    /// <summary><c>POST /v2/bulkevents/historical</c>: as bulk, for data older than 72 hours.</summary>
    Historical,
}
