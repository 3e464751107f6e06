namespace Switchyard.Core.Privacy;

/// <summary>
/// The profile store's side of data subject requests: finding a subject, reading all it holds about them, and erasing
/// it. Providers implement it beside <see cref="Profiles.IProfileStore"/>. Reads see committed data only. Each call
/// checks its <see cref="CancellationToken"/> before it starts; a call cancelled then throws
/// <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
public interface ISubjectDataStore
{
    /// <summary>The MPID an identity points at, or null.</summary>
    Task<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken);

    /// <summary>Everything held about the MPID, or null when there is no such profile.</summary>
    Task<SubjectHoldings?> CollectAsync(long mpid, CancellationToken cancellationToken);

    /// <summary>The last inbox sequence the processor has committed.</summary>
    Task<long> ProcessedThroughAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Finds the subject's profiles (their MPIDs and the profiles their identities point at, looked up now) and erases
    /// the profiles, identity links, memberships, membership log entries, evaluation schedule, ledgers, outbox items,
    /// dead letters and retired-MPID marks in one transaction, between processor sessions: a batch the processor read
    /// before its batches left the inbox has been committed by then, so its effects are erased too. Idempotent; returns
    /// the MPIDs erased. Cancellation is honoured until the erasure starts (also while it waits for a session commit to
    /// finish); once it has started it runs to the end, so a subject is erased entirely or not at all.
    /// </summary>
    Task<IReadOnlyCollection<long>> EraseAsync(DsrSubject subject, CancellationToken cancellationToken);
}
