using Switchyard.Core.Profiles;

namespace Switchyard.Core.Partitions;

/// <summary>
/// The leases one processing lane works under, with their fences taken: before the lane first commits a partition
/// under a new lease, the partition's fence is raised to the lease's epoch (<see cref="IProfileStore.TakeFencesAsync"/>),
/// which waits for the previous owner's commit under way and shuts out every later one. Used by one lane at a time.
/// </summary>
public sealed class LaneFences(PartitionLane lane, IProfileStore profiles, NodePartitions partitions)
{
    private readonly Dictionary<int, long> _taken = [];

    /// <summary>
    /// The lane's leases at <paramref name="now"/> whose fences are taken: null when the node holds every partition
    /// unfenced, empty when it may work on none of the lane's partitions now.
    /// </summary>
    public async Task<IReadOnlyList<PartitionLease>?> LeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trusted = partitions.TrustedLeases(now);
        if (trusted is null)
        {
            return null;
        }

        var mine = trusted.Where(l => lane.Owns(l.Partition)).ToList();
        foreach (var gone in _taken.Keys.Where(p => !mine.Exists(l => l.Partition == p)).ToList())
        {
            _taken.Remove(gone);
        }

        var untaken = mine.Where(l => !_taken.TryGetValue(l.Partition, out var epoch) || epoch != l.Epoch).ToList();
        if (untaken.Count > 0)
        {
            foreach (var taken in await profiles.TakeFencesAsync(untaken, cancellationToken).ConfigureAwait(false))
            {
                _taken[taken.Partition] = taken.Epoch;
            }
        }

        return [.. mine.Where(l => _taken.TryGetValue(l.Partition, out var epoch) && epoch == l.Epoch)];
    }

    /// <summary>Forgets the fences of partitions found taken over, so they are taken again if the node gets them back.</summary>
    public void Forget(IEnumerable<int> fenced)
    {
        ArgumentNullException.ThrowIfNull(fenced);
        foreach (var partition in fenced)
        {
            _taken.Remove(partition);
        }
    }
}
