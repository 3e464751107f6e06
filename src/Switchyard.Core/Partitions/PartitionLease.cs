namespace Switchyard.Core.Partitions;

/// <summary>A partition held by a node, and the epoch its acquisition gave it (the fencing token of its commits).</summary>
public readonly record struct PartitionLease(int Partition, long Epoch);
