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

    /// <summary>The inbox sequence of the last batch whose effects were committed (0 before any), as a reader sees it.</summary>
    long ReadCheckpoint();

    /// <summary>The processing totals as committed (<see cref="IProfileSession.AddToTotals"/>).</summary>
    Processing.ProcessingTotals ReadTotals();

    Profile? FindProfile(long mpid);

    long? FindMpid(string identityKey, string value);

    /// <summary>Membership changes with an id greater than <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<MembershipChange> ReadMembershipChanges(long afterId, int limit);

    /// <summary>How many profiles are members of the audience now.</summary>
    long CountMembers(int audienceId);

    /// <summary>Members of the audience in MPID order, after <paramref name="afterMpid"/> (paging).</summary>
    IReadOnlyList<long> Members(int audienceId, long? afterMpid, int limit);

    /// <summary>Every profile's MPID in order, after <paramref name="afterMpid"/> (paging; for re-evaluating all profiles).</summary>
    IReadOnlyList<long> ProfileMpids(long? afterMpid, int limit);
}
