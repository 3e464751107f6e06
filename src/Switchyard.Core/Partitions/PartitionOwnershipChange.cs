namespace Switchyard.Core.Partitions;

/// <summary>What one step of <see cref="PartitionOwnershipLoop"/> changed, and the view after it.</summary>
/// <param name="Acquired">Leases newly taken, with their new epochs.</param>
/// <param name="Lost">Partitions whose renewal failed because another node acquired them: work on them stops at once.</param>
/// <param name="Released">Partitions this node gave up (surplus over its share, or all of them when it leaves).</param>
/// <param name="View">The node's leases after the step.</param>
public sealed record PartitionOwnershipChange(
    IReadOnlyList<PartitionLease> Acquired,
    IReadOnlyList<int> Lost,
    IReadOnlyList<int> Released,
    PartitionLeaseView View);
