using Switchyard.Core.Delivery;

namespace Switchyard.Core.Profiles;

/// <summary>
/// A unit of work on the profile store. Reads see committed state plus this session's own writes; writes (profiles,
/// identity links, membership changes, outbox items, partition cursors, totals) are kept by the session and become
/// durable together on <see cref="CommitAsync"/> or not at all. Disposing without committing discards them.
/// </summary>
/// <remarks>
/// Sessions run side by side (one per partition worker, the Identity API, sweeps). Every profile and identity link
/// the session read is checked again when it commits: if another session committed a change to one of them in
/// between, the commit writes nothing and throws <see cref="ProfileWriteConflictException"/>, and the caller runs the
/// unit of work again in a new session. So no update is ever lost, and commits are serialisable: the outcome is as
/// if each committed session had run alone at its commit. Reads are asynchronous (they reach the database); writes
/// only record what to do, so they are synchronous and cheap.
/// </remarks>
public interface IProfileSession : IDisposable
{
    /// <summary>The inbox sequence below which every batch's effects were committed when the session began (0 before any).</summary>
    long Checkpoint { get; }

    /// <summary>The MPID an identity (<see cref="IdentityKeys"/>) belongs to, if any.</summary>
    ValueTask<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken);

    /// <summary>A copy of the stored profile (changes are kept only through <see cref="Save"/>).</summary>
    ValueTask<Profile?> LoadAsync(long mpid, CancellationToken cancellationToken);

    /// <summary>A new random MPID that no profile has had.</summary>
    ValueTask<long> NewMpidAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the profile and points every identity it holds (user identities by wire name, device identities as
    /// <see cref="IdentityKeys.Device"/>) at its MPID, replacing earlier links of those identities. The profile is
    /// copied now; changing the object afterwards changes nothing unless it is saved again.
    /// </summary>
    void Save(Profile profile);

    /// <summary>Removes a profile and its identity links (a profile merged into another).</summary>
    void Delete(long mpid);

    /// <summary>Appends to the membership log; the stored change gets its id in commit order.</summary>
    void AppendMembershipChange(MembershipChange change);

    /// <summary>MPIDs of profiles that are members of any of these audiences (for re-evaluating time windows).</summary>
    ValueTask<IReadOnlyList<long>> MembersOfAnyAsync(IReadOnlyCollection<int> audienceIds, CancellationToken cancellationToken);

    /// <summary>
    /// Sets when the profile's audience membership could next change with time alone (the expiry index), or clears it
    /// (null). <see cref="Delete"/> clears it too.
    /// </summary>
    void ScheduleEvaluation(long mpid, long? dueMs);

    /// <summary>Up to <paramref name="limit"/> MPIDs whose scheduled time is at or before <paramref name="nowMs"/>, earliest first.</summary>
    ValueTask<IReadOnlyList<long>> DueForEvaluationAsync(long nowMs, int limit, CancellationToken cancellationToken);

    /// <summary>Sets every partition's cursor to <paramref name="sequence"/> (one worker for all partitions).</summary>
    void SetCheckpoint(long sequence);

    /// <summary>
    /// Moves the cursors of <paramref name="partitions"/> to <paramref name="sequence"/> (never backwards): every batch
    /// of those partitions up to it is done once this session commits.
    /// </summary>
    void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence);

    /// <summary>
    /// Moves the cursors of the leases' partitions to <paramref name="sequence"/> (never backwards), as
    /// <see cref="AdvancePartitions(IReadOnlyCollection{int}, long)"/> does, but fenced: the commit goes through only if
    /// every one of those partitions' fences still carries the lease's epoch (<see cref="IProfileStore.TakeFencesAsync"/>).
    /// When another node has taken one over since, <see cref="CommitAsync"/> throws
    /// <see cref="Partitions.PartitionFencedException"/> and writes nothing of the session.
    /// </summary>
    void AdvancePartitions(IReadOnlyCollection<Partitions.PartitionLease> leases, long sequence);

    /// <summary>Adds to the stored processing totals in this session's transaction (they count what it commits).</summary>
    void AddToTotals(Processing.ProcessingTotals delta);

    /// <summary>
    /// Queues an item for an output in this session's transaction: <see cref="IDeliveryStore.ClaimDueAsync"/> sees it only
    /// after <see cref="CommitAsync"/>, and it is gone if the session is disposed without committing.
    /// </summary>
    void Enqueue(OutboxEntry entry);

    /// <summary>
    /// Asks for the commit to be on disk before <see cref="CommitAsync"/> returns: for a session whose outcome is answered
    /// to a client (the Identity API's MPID). Without it, a commit is atomic and isolated at once but a provider may make it
    /// durable a moment later (SQLite: with the next durable commit or WAL checkpoint). That is safe for processing:
    /// after a power loss its commits and the partition cursors they moved roll back together, and the batches are
    /// processed again from the inbox, which acknowledged them durably.
    /// </summary>
    void RequireDurableCommit();

    /// <summary>Makes every write of the session durable, or none.</summary>
    /// <exception cref="ProfileWriteConflictException">Another session changed what this one read; nothing was written.</exception>
    Task CommitAsync(CancellationToken cancellationToken);
}
