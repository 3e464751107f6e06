namespace Switchyard.Core.Ingest.Validation;

/// <summary>
/// Gathers the errors of one request, capped so that a hostile request cannot make the error body huge.
/// Each batch may add only a few, so that one batch with many bad events cannot crowd the other invalid
/// batches out of the list. Every message starts with the JSON path it is about.
/// </summary>
internal sealed class IngestErrorCollector
{
    /// <summary>Enough to name every invalid batch of a typical request without flooding the response.</summary>
    public const int MaxErrors = 20;

    /// <summary>Enough to show a client the pattern of what is wrong in one batch.</summary>
    public const int MaxErrorsPerBatch = 5;

    private readonly List<IngestError> _errors = [];
    private int _batchStart;

    public int Count => _errors.Count;

    public bool IsFull => _errors.Count >= MaxErrors;

    /// <summary>Starts counting a new batch's errors against <see cref="MaxErrorsPerBatch"/>.</summary>
    public void BeginBatch() => _batchStart = _errors.Count;

    public void Add(string code, string path, string message)
    {
        if (!IsFull && _errors.Count - _batchStart < MaxErrorsPerBatch)
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
