namespace Switchyard.Core.Ingest;

/// <summary>Why a request was refused: the HTTP status (400 or 413) and the errors to return.</summary>
public sealed record IngestFailure(int StatusCode, IReadOnlyList<IngestError> Errors)
{
    /// <summary>
    /// The first <see cref="Validation.IngestErrorCollector.MaxErrors"/> errors; 413 when the only problem is batch
    /// size (the client should split the batch), otherwise 400.
    /// </summary>
    public static IngestFailure Of(IReadOnlyList<IngestError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        bool onlyTooLarge = errors.All(e => e.Code == IngestErrorCodes.BatchTooLarge);
        return new IngestFailure(onlyTooLarge ? 413 : 400, [.. errors.Take(Validation.IngestErrorCollector.MaxErrors)]);
    }

    /// <summary>The answer that refuses a whole request for the batches it refused, their errors in request order.</summary>
    public static IngestFailure Of(IEnumerable<BatchRefusal> refused) =>
        Of([.. refused.OrderBy(r => r.Index).SelectMany(r => r.Errors)]);
}
