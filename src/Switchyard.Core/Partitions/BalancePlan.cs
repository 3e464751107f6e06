namespace Switchyard.Core.Partitions;

/// <summary>What one node should do to move toward its fair share.</summary>
/// <param name="Target">The node's share (<see cref="PartitionBalancer.ShareOf"/>).</param>
/// <param name="Acquire">Partitions to try to acquire (free, or abandoned by a node that stopped renewing).</param>
/// <param name="Release">Held leases to give up so that nodes under their share can take them.</param>
public sealed record BalancePlan(int Target, IReadOnlyList<int> Acquire, IReadOnlyList<PartitionLease> Release)
{
    /// <summary>Whether the plan changes nothing.</summary>
    public bool IsEmpty => Acquire.Count == 0 && Release.Count == 0;
}
