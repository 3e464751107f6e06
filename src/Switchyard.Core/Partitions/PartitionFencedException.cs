namespace Switchyard.Core.Partitions;

/// <summary>
/// A commit was refused because another node took over one of its partitions: the partition's fence carries a newer
/// epoch than the lease the work was done under (<see cref="Profiles.IProfileStore.TakeFencesAsync"/>). Nothing of the
/// commit was written; the work belongs to the new owner now, which resumes from the partition's committed cursor.
/// </summary>
public sealed class PartitionFencedException : Exception
{
    public PartitionFencedException()
        : this([])
    {
    }

    public PartitionFencedException(string message)
        : base(message)
    {
        Partitions = [];
    }

    public PartitionFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Partitions = [];
    }

    /// <param name="partitions">The partitions whose fence moved past the commit's epochs.</param>
    public PartitionFencedException(IReadOnlyList<int> partitions)
        : base(partitions.Count == 0
            ? "Another node took over a partition of this commit; nothing was written."
            : $"Another node took over partition(s) {string.Join(", ", partitions)} of this commit; nothing was written.")
    {
        Partitions = partitions;
    }

    /// <summary>The partitions found fenced (empty when the store could not tell which).</summary>
    public IReadOnlyList<int> Partitions { get; }
}
