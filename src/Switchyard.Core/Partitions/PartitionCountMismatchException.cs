namespace Switchyard.Core.Partitions;

/// <summary>
/// A store was opened with a partition count other than the one it was created with. Stored batches and cursors keep
/// their partition numbers, so the count cannot change under them.
/// </summary>
public sealed class PartitionCountMismatchException : Exception
{
    public PartitionCountMismatchException()
    {
    }

    public PartitionCountMismatchException(string message)
        : base(message)
    {
    }

    public PartitionCountMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartitionCountMismatchException(string path, int recorded, int wanted)
        : base($"{path} was created with {recorded} user partitions, not {wanted}; set processing.partitions to {recorded} (the count cannot change once batches are stored).")
    {
        Recorded = recorded;
        Wanted = wanted;
    }

    /// <summary>The count the store was created with.</summary>
    public int Recorded { get; }

    /// <summary>The count asked for.</summary>
    public int Wanted { get; }
}
