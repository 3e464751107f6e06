namespace Switchyard.Core.Partitions;

/// <summary>
/// What one node may process: the partitions it holds, the epoch of each, and the moment, on the node's own clock, until
/// which it may trust them. Immutable; <see cref="PartitionOwnershipLoop"/> publishes a new one on every change.
/// </summary>
/// <remarks>
/// <see cref="TrustedUntil"/> is the start of the renewal that last confirmed the leases plus the lease duration minus
/// the safety margin. The store set the lease's end after that start on its own clock, so the node stops before the
/// lease ends whatever the offset between the two clocks; only a difference in their rates eats into the margin.
/// </remarks>
public sealed class PartitionLeaseView
{
    private readonly SortedDictionary<int, long> _epochs;

    public PartitionLeaseView(IEnumerable<PartitionLease> leases, DateTimeOffset trustedUntil)
    {
        ArgumentNullException.ThrowIfNull(leases);
        _epochs = new SortedDictionary<int, long>();
        foreach (var lease in leases)
        {
            _epochs.Add(lease.Partition, lease.Epoch);
        }

        Partitions = [.. _epochs.Keys];
        Leases = [.. _epochs.Select(e => new PartitionLease(e.Key, e.Value))];
        TrustedUntil = trustedUntil;
    }

    /// <summary>A view that holds nothing.</summary>
    public static PartitionLeaseView Empty { get; } = new([], DateTimeOffset.MinValue);

    /// <summary>The held partitions in ascending order.</summary>
    public IReadOnlyList<int> Partitions { get; }

    /// <summary>The held leases in partition order.</summary>
    public IReadOnlyList<PartitionLease> Leases { get; }

    /// <summary>Until when (on the node's clock) the leases may be relied on without a newer renewal.</summary>
    public DateTimeOffset TrustedUntil { get; }

    /// <summary>How many partitions are held.</summary>
    public int Count => _epochs.Count;

    /// <summary>Whether the partition is held (trusted or not).</summary>
    public bool Owns(int partition) => _epochs.ContainsKey(partition);

    /// <summary>The epoch the partition is held at, or null when it is not held.</summary>
    public long? EpochOf(int partition) => _epochs.TryGetValue(partition, out var epoch) ? epoch : null;

    /// <summary>Whether the leases may still be relied on at <paramref name="now"/>.</summary>
    public bool IsTrusted(DateTimeOffset now) => now < TrustedUntil;

    /// <summary>
    /// The epoch to commit the partition's work with, or null when the node must not work on it at
    /// <paramref name="now"/> (not held, or the last renewal is too old to trust).
    /// </summary>
    public long? TrustedEpochOf(int partition, DateTimeOffset now) => IsTrusted(now) ? EpochOf(partition) : null;
}
