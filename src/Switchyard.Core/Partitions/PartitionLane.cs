namespace Switchyard.Core.Partitions;

/// <summary>
/// One processing worker's share of the partitions: those whose number modulo <see cref="Count"/> is
/// <see cref="Index"/>. With one lane, a worker owns every partition.
/// </summary>
public sealed record PartitionLane(int Index, int Count)
{
    /// <summary>The one lane that owns every partition.</summary>
    public static PartitionLane All { get; } = new(0, 1);

    public bool Owns(int partition) => partition % Count == Index;

    /// <summary>The partitions of this lane among <paramref name="partitionCount"/>.</summary>
    public IReadOnlyList<int> PartitionsOf(int partitionCount)
    {
        var owned = new List<int>(partitionCount / Count + 1);
        for (var p = Index; p < partitionCount; p += Count)
        {
            owned.Add(p);
        }

        return owned;
    }
}
