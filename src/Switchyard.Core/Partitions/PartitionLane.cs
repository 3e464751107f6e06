namespace Switchyard.Core.Partitions;

/// <summary>
/// One processing worker's share of the partitions: those whose number modulo <see cref="Count"/> is
/// <see cref="Index"/>, and of those only the ones in <see cref="Held"/> when the node holds a subset of the partitions
/// (several nodes share the store). With one lane and nothing held back, a worker owns every partition.
/// </summary>
public sealed record PartitionLane(int Index, int Count)
{
    /// <summary>The one lane that owns every partition.</summary>
    public static PartitionLane All { get; } = new(0, 1);

    /// <summary>The partitions the node holds, or null when it holds every partition (one node).</summary>
    public IReadOnlySet<int>? Held { get; init; }

    /// <summary>The lane narrowed to the partitions of <paramref name="held"/>.</summary>
    public PartitionLane HeldOnly(IEnumerable<int> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return this with { Held = new HashSet<int>(held) };
    }

    public bool Owns(int partition) => partition % Count == Index && (Held is null || Held.Contains(partition));

    /// <summary>The partitions of this lane among <paramref name="partitionCount"/>.</summary>
    public IReadOnlyList<int> PartitionsOf(int partitionCount)
    {
        var owned = new List<int>(partitionCount / Count + 1);
        for (var p = Index; p < partitionCount; p += Count)
        {
            if (Held is null || Held.Contains(p))
            {
                owned.Add(p);
            }
        }

        return owned;
    }
}
