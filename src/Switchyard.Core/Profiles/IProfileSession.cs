using Switchyard.Core.Delivery;

namespace Switchyard.Core.Profiles;

/// <summary>
/// A unit of work on the profile store: reads see one consistent state, and every write (profiles, identity links,
/// membership changes, outbox items, the processing checkpoint) becomes durable together on <see cref="Commit"/> or not at all.
/// Only one session writes at a time. Disposing without committing discards the writes.
/// </summary>
public interface IProfileSession : IDisposable
{
    /// <summary>The inbox sequence of the last batch whose effects were committed (0 before any).</summary>
    long Checkpoint { get; }

    /// <summary>The MPID an identity (<see cref="IdentityKeys"/>) belongs to, if any.</summary>
    long? FindMpid(string identityKey, string value);

    /// <summary>A copy of the stored profile (changes are kept only through <see cref="Save"/>).</summary>
    Profile? Load(long mpid);

    /// <summary>A new random MPID that no profile has had.</summary>
    long NewMpid();

    /// <summary>
    /// Stores the profile and points every identity it holds (user identities by wire name, device identities as
    /// <see cref="IdentityKeys.Device"/>) at its MPID, replacing earlier links of those identities.
    /// </summary>
    void Save(Profile profile);

    /// <summary>Removes a profile and its identity links (a profile merged into another).</summary>
    void Delete(long mpid);

    /// <summary>Appends to the membership log; the stored change gets its id on commit order.</summary>
    void AppendMembershipChange(MembershipChange change);

    /// <summary>MPIDs of profiles that are members of any of these audiences (for re-evaluating time windows).</summary>
    IReadOnlyList<long> MembersOfAny(IReadOnlyCollection<int> audienceIds);

    /// <summary>
    /// Sets when the profile's audience membership could next change with time alone (the expiry index), or clears it
    /// (null). <see cref="Delete"/> clears it too.
    /// </summary>
    void ScheduleEvaluation(long mpid, long? dueMs);

    /// <summary>Up to <paramref name="limit"/> MPIDs whose scheduled time is at or before <paramref name="nowMs"/>, earliest first.</summary>
    IReadOnlyList<long> DueForEvaluation(long nowMs, int limit);

    void SetCheckpoint(long sequence);

    /// <summary>Adds to the stored processing totals in this session's transaction (they count what it commits).</summary>
    void AddToTotals(Processing.ProcessingTotals delta);

    /// <summary>
    /// Queues an item for an output in this session's transaction: <see cref="IDeliveryStore.ClaimDueAsync"/> sees it only
    /// after <see cref="Commit"/>, and it is gone if the session is disposed without committing.
    /// </summary>
    void Enqueue(OutboxEntry entry);

    void Commit();
}
