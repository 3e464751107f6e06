namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// The outcome of reading one Custom HTTP connector request: the converted mParticle batches, one per event that has
/// an <c>external_user_id</c>, or why the request is refused — never both. All or nothing, like the Events API.
/// </summary>
public sealed class CurrentsParseResult
{
    private CurrentsParseResult(IReadOnlyList<ParsedBatch> batches, int received, int skipped, IngestFailure? failure)
    {
        Batches = batches;
        Received = received;
        SkippedWithoutExternalId = skipped;
        Failure = failure;
    }

    /// <summary>The converted batches, parsed and validated by <see cref="EventsApiParser"/>, in request order.</summary>
    public IReadOnlyList<ParsedBatch> Batches { get; }

    /// <summary>How many events the request held.</summary>
    public int Received { get; }

    /// <summary>Events left out because they name no <c>external_user_id</c> (Braze's mParticle export leaves them out too).</summary>
    public int SkippedWithoutExternalId { get; }

    public IngestFailure? Failure { get; }

    internal static CurrentsParseResult Success(IReadOnlyList<ParsedBatch> batches, int received, int skipped) =>
        new(batches, received, skipped, null);

    internal static CurrentsParseResult Fail(IngestFailure failure) => new([], 0, 0, failure);

    internal static CurrentsParseResult Fail(int status, string code, string message) =>
        Fail(new IngestFailure(status, [new IngestError(code, message)]));
}
