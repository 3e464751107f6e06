namespace Switchyard.Core.Ingest.Validation;

/// <summary>
/// Gathers the errors of one request, capped so that a hostile request cannot make the error body huge.
/// Every message starts with the JSON path it is about.
/// </summary>
internal sealed class IngestErrorCollector
{
    /// <summary>Enough to name every invalid batch of a typical request without flooding the response.</summary>
    public const int MaxErrors = 20;

    private readonly List<IngestError> _errors = [];

    public int Count => _errors.Count;

    public bool IsFull => _errors.Count >= MaxErrors;

    public void Add(string code, string path, string message)
    {
        if (!IsFull)
        {
            _errors.Add(new IngestError(code, $"{path}: {message}"));
        }
    }

    /// <summary>
    /// 413 when the only problem is batch size (the client should split the batch), otherwise 400.
    /// </summary>
    public IngestFailure ToFailure()
    {
        bool onlyTooLarge = _errors.TrueForAll(e => e.Code == IngestErrorCodes.BatchTooLarge);
        return new IngestFailure(onlyTooLarge ? 413 : 400, _errors.ToArray());
    }
}
