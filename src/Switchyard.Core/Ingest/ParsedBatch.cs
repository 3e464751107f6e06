using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest;

/// <summary>
/// A parsed batch and its exact bytes. <paramref name="Raw"/> is a slice of the request body (no copy), so the
/// inbox stores what the client sent; it stays valid only as long as the body buffer does.
/// </summary>
public sealed record ParsedBatch(Batch Batch, ReadOnlyMemory<byte> Raw)
{
    /// <summary>The batch's position in a bulk request's array (0 on <c>/v2/events</c>), for the per-batch report.</summary>
    public int Index { get; init; }

    /// <summary>Event names and event attribute names of this batch shortened to 256 characters instead of refused.</summary>
    public int TruncatedNames { get; init; }
}
