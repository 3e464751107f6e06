namespace Switchyard.Core.Ingest;

/// <summary>
/// One batch of a bulk request that was not accepted while others were: its position in the request's array and
/// why (every error names its path, <c>batches[i]…</c>). The first error's code is the batch's reason in counters.
/// </summary>
public sealed record BatchRefusal(int Index, IReadOnlyList<IngestError> Errors)
{
    public string Code => Errors[0].Code;
}
