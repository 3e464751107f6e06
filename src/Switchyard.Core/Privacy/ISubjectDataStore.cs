namespace Switchyard.Core.Privacy;

/// <summary>
/// The profile store's side of data subject requests: finding a subject, reading all it holds about them, and erasing
/// it. Providers implement it beside <see cref="Profiles.IProfileStore"/>.
/// </summary>
public interface ISubjectDataStore
{
    /// <summary>The MPID an identity points at, or null.</summary>
    long? FindMpid(string identityKey, string value);

    /// <summary>Everything held about the MPID, or null when there is no such profile.</summary>
    SubjectHoldings? Collect(long mpid);

    /// <summary>The last inbox sequence the processor has committed.</summary>
    long ProcessedThrough();

    /// <summary>
    /// Finds the subject's profiles (their MPIDs and the profiles their identities point at, looked up now) and erases
    /// the profiles, identity links, memberships, membership log entries, evaluation schedule, ledgers,
    /// outbox items, dead letters and retired-MPID marks in one transaction, between processor sessions: a batch the processor read before its
    /// batches left the inbox has been committed by then, so its effects are erased too. Idempotent; returns the MPIDs erased.
    /// </summary>
    IReadOnlyCollection<long> Erase(DsrSubject subject);
}
