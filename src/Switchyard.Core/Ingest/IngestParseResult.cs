namespace Switchyard.Core.Ingest;

/// <summary>
/// The outcome of parsing one request: the valid batches, and either the reasons to refuse the whole request
/// (<see cref="Failure"/>) or, on the bulk routes, the batches refused one by one while others were valid
/// (<see cref="Refused"/>). Whether a partly valid request is accepted is the host's choice (an input's strict mode).
/// </summary>
public sealed class IngestParseResult
{
    private IngestParseResult(IReadOnlyList<ParsedBatch> batches, IReadOnlyList<BatchRefusal> refused, IngestFailure? failure)
    {
        Batches = batches;
        Refused = refused;
        Failure = failure;
    }

    public bool IsSuccess => Failure is null;

    /// <summary>The valid batches in request order; empty on failure.</summary>
    public IReadOnlyList<ParsedBatch> Batches { get; }

    /// <summary>The invalid batches of a request that also holds valid ones, in request order; empty otherwise.</summary>
    public IReadOnlyList<BatchRefusal> Refused { get; }

    /// <summary>Set when nothing of the request can be accepted: a request-level error, or every batch invalid.</summary>
    public IngestFailure? Failure { get; }

    public static IngestParseResult Success(IReadOnlyList<ParsedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return new IngestParseResult(batches, [], null);
    }

    /// <summary>Some batches valid, some not; with no refusals this is <see cref="Success"/>.</summary>
    public static IngestParseResult Partial(IReadOnlyList<ParsedBatch> batches, IReadOnlyList<BatchRefusal> refused)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(refused);
        return new IngestParseResult(batches, refused, null);
    }

    public static IngestParseResult Fail(IngestFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new IngestParseResult([], [], failure);
    }

    internal static IngestParseResult Fail(int statusCode, string code, string message) =>
        Fail(new IngestFailure(statusCode, [new IngestError(code, message)]));
}
