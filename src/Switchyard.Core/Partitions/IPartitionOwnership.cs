namespace Switchyard.Core.Partitions;

/// <summary>
/// Which node owns which user partition, when several nodes share one database. A node's ownership of a partition is a
/// lease: it lasts <see cref="PartitionOwnershipOptions.LeaseDuration"/> from the last acquisition or renewal, measured
/// on the store's clock (the database's, so nodes whose clocks disagree still agree on expiry). Every acquisition
/// increments the partition's epoch and hands it to the new owner; the epoch is the fencing token a commit of that
/// partition's work is checked against, so a paused owner that lost its lease cannot write after the takeover.
/// </summary>
/// <remarks>
/// The contract only records leases; deciding how many partitions a node should hold is
/// <see cref="PartitionOwnershipLoop"/>'s job. Every method is one short round trip and safe to call from several nodes at
/// once: a partition is never handed to two owners at the same time, however the calls interleave.
/// </remarks>
public interface IPartitionOwnership
{
    /// <summary>How many partitions there are (numbered 0 to <c>PartitionCount - 1</c>).</summary>
    int PartitionCount { get; }

    /// <summary>Adds the node to the node list (or restarts its entry when the id is already there) with a fresh heartbeat.</summary>
    Task RegisterAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Records that the node is alive now; adds it again when its entry was forgotten.</summary>
    Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes those of <paramref name="wanted"/> that are free or whose lease expired, each with its epoch incremented, and
    /// returns them. Partitions that another node holds, or that another acquisition is taking at this moment, are left
    /// out rather than waited for; so is a partition the node already holds unexpired.
    /// </summary>
    Task<IReadOnlyList<PartitionLease>> AcquireAsync(string nodeId, IReadOnlyCollection<int> wanted, CancellationToken cancellationToken);

    /// <summary>
    /// Extends every lease of <paramref name="held"/> that the node still holds at that epoch and returns those. A lease
    /// missing from the result is lost (another node acquired it, so its epoch moved); its work must stop at once.
    /// </summary>
    Task<IReadOnlyList<PartitionLease>> RenewAsync(string nodeId, IReadOnlyCollection<PartitionLease> held, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the leases of <paramref name="leases"/> the node still holds at that epoch, so another node can acquire them
    /// at once instead of waiting for expiry. Returns the partitions freed.
    /// </summary>
    Task<IReadOnlyList<int>> ReleaseAsync(string nodeId, IReadOnlyCollection<PartitionLease> leases, CancellationToken cancellationToken);

    /// <summary>A graceful stop: frees every lease the node holds and removes it from the node list, in one step.</summary>
    Task LeaveAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Every partition's lease as it stands, in partition order.</summary>
    Task<IReadOnlyList<PartitionLeaseState>> ReadLeasesAsync(CancellationToken cancellationToken);

    /// <summary>The node list with the age of each node's last heartbeat on the store's clock.</summary>
    Task<IReadOnlyList<NodeHeartbeat>> ReadNodesAsync(CancellationToken cancellationToken);

    /// <summary>Removes nodes whose last heartbeat is older than <paramref name="silentFor"/>; returns how many.</summary>
    Task<int> ForgetSilentNodesAsync(TimeSpan silentFor, CancellationToken cancellationToken);
}
