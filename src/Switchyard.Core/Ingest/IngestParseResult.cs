namespace Switchyard.Core.Ingest;

/// <summary>
/// The outcome of parsing one request: either every batch (success) or the reasons to refuse it (failure),
/// never both. A request is all-or-nothing: one invalid batch fails the whole request.
/// </summary>
public sealed class IngestParseResult
{
    private IngestParseResult(IReadOnlyList<ParsedBatch> batches, IngestFailure? failure)
    {
        Batches = batches;
        Failure = failure;
    }

    public bool IsSuccess => Failure is null;

    /// <summary>The batches in request order; empty on failure.</summary>
    public IReadOnlyList<ParsedBatch> Batches { get; }

    public IngestFailure? Failure { get; }

    public static IngestParseResult Success(IReadOnlyList<ParsedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return new IngestParseResult(batches, null);
    }

    public static IngestParseResult Fail(IngestFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new IngestParseResult([], failure);
    }

    internal static IngestParseResult Fail(int statusCode, string code, string message) =>
        Fail(new IngestFailure(statusCode, [new IngestError(code, message)]));
}
