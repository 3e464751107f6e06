namespace Switchyard.Core.Privacy;

/// <summary>The inbox's side of an erasure: removing a subject's raw batches. Providers implement it beside <see cref="Storage.IInboxStore"/>.</summary>
public interface IInboxEraser
{
    /// <summary>The highest sequence the inbox has assigned.</summary>
    Task<long> LastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every batch up to <paramref name="throughSequence"/> for which <paramref name="belongs"/> is true; returns
    /// how many. The inbox may be scanned and erased in several steps: a cancelled call keeps what it erased so far and
    /// throws <see cref="OperationCanceledException"/>, and calling again finishes the job (erasing is idempotent).
    /// </summary>
    Task<int> EraseAsync(long throughSequence, Func<ReadOnlyMemory<byte>, bool> belongs, CancellationToken cancellationToken);
}
