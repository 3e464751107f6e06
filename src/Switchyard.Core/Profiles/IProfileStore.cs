namespace Switchyard.Core.Profiles;

/// <summary>
/// Profiles, identity links, the membership log and the processing checkpoint. Providers (SQLite now, PostgreSQL
/// next) pass the profile store compliance suite. Reads outside a session see committed state only.
/// </summary>
public interface IProfileStore : IAsyncDisposable
{
    /// <summary>Opens a unit of work (<see cref="IProfileSession"/>); sessions may run side by side.</summary>
    ValueTask<IProfileSession> BeginSessionAsync(CancellationToken cancellationToken);

    /// <summary>How many user partitions the store was created with (<see cref="Partitions.UserPartitions"/>).</summary>
    int PartitionCount { get; }

    /// <summary>Each partition's cursor: the inbox sequence up to which its batches are done.</summary>
    Task<IReadOnlyList<long>> ReadPartitionCursorsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Raises each lease's partition fence to the lease's epoch, so that from now on only sessions fenced with that epoch
    /// (<see cref="IProfileSession.AdvancePartitions(IReadOnlyCollection{Partitions.PartitionLease}, long)"/>) commit
    /// cursor moves of the partition. Waits for a commit of the partition that is under way to end, so a node that reads
    /// the cursors afterwards sees everything the previous owner committed. Returns the leases whose fence now carries
    /// their epoch; a lease missing from the result is older than the fence (a newer owner took the partition).
    /// </summary>
    Task<IReadOnlyList<Partitions.PartitionLease>> TakeFencesAsync(IReadOnlyCollection<Partitions.PartitionLease> leases, CancellationToken cancellationToken);

    /// <summary>The inbox sequence of the last batch whose effects were committed (0 before any), as a reader sees it.</summary>
    Task<long> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>The processing totals as committed (<see cref="IProfileSession.AddToTotals"/>).</summary>
    Task<Processing.ProcessingTotals> ReadTotalsAsync(CancellationToken cancellationToken);

    Task<Profile?> FindProfileAsync(long mpid, CancellationToken cancellationToken);

    Task<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken);

    /// <summary>Membership changes with an id greater than <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<MembershipChange>> ReadMembershipChangesAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>How many profiles are members of the audience now.</summary>
    Task<long> CountMembersAsync(int audienceId, CancellationToken cancellationToken);

    /// <summary>Members of the audience in MPID order, after <paramref name="afterMpid"/> (paging).</summary>
    Task<IReadOnlyList<long>> MembersAsync(int audienceId, long? afterMpid, int limit, CancellationToken cancellationToken);

    /// <summary>Every profile's MPID in order, after <paramref name="afterMpid"/> (paging; for re-evaluating all profiles).</summary>
    Task<IReadOnlyList<long>> ProfileMpidsAsync(long? afterMpid, int limit, CancellationToken cancellationToken);
}
