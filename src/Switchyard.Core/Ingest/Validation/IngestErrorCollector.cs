namespace Switchyard.Core.Ingest.Validation;

/// <summary>
/// Gathers the errors of one request, batch by batch, capped so that a hostile request cannot make the error body
/// huge. Each batch may add only a few, so that one batch with many bad events cannot crowd the other invalid batches
/// out of the list. The first error of every batch is kept beyond the request's cap, so that a per-batch report
/// (<see cref="BatchRefusal"/>) names every refused batch; a whole-request answer shows at most <see cref="MaxErrors"/>. Every message
/// starts with the JSON path it is about.
/// </summary>
internal sealed class IngestErrorCollector
{
    /// <summary>Every error of a full bulk request's worth of typical batches, with a bound on the answer's size.</summary>
    public const int MaxErrors = 1000;

    /// <summary>Enough that a client fixes a batch in one round rather than one error at a time.</summary>
    public const int MaxErrorsPerBatch = 100;

    private readonly List<IngestError> _errors = [];
    private int _batchStart;

    public int Count => _errors.Count;

    /// <summary>Names shortened to their limit instead of refused (mParticle truncates them for server-to-server data).</summary>
    public int Truncations { get; private set; }

    public void Truncated() => Truncations++;

    /// <summary>True once the current batch has as many errors as it may report; checking further is wasted work.</summary>
    public bool IsBatchFull => _errors.Count - _batchStart >= MaxErrorsPerBatch;

    /// <summary>Starts counting a new batch's errors against <see cref="MaxErrorsPerBatch"/>.</summary>
    public void BeginBatch() => _batchStart = _errors.Count;

    /// <summary>The errors added since <see cref="BeginBatch"/>; empty when the current batch is valid.</summary>
    public IReadOnlyList<IngestError> BatchErrors => _errors.GetRange(_batchStart, _errors.Count - _batchStart);

    public void Add(string code, string path, string message)
    {
        int inBatch = _errors.Count - _batchStart;
        if (inBatch < MaxErrorsPerBatch && (inBatch == 0 || _errors.Count < MaxErrors))
        {
            _errors.Add(new IngestError(code, $"{path}: {message}"));
        }
    }

    /// <summary>
    /// The whole request refused: at most <see cref="MaxErrors"/> errors. 413 when the only problem is batch size
    /// (the client should split the batch), otherwise 400.
    /// </summary>
    public IngestFailure ToFailure() => IngestFailure.Of(_errors);
}
