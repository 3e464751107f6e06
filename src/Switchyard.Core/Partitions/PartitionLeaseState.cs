namespace Switchyard.Core.Partitions;

/// <summary>One partition's lease as the store holds it.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Owner">The node that acquired it last, or null when it is free (never acquired, or released).</param>
/// <param name="Epoch">How many times it has been acquired.</param>
/// <param name="Expired">Whether the lease has run out on the store's clock; always true of a free partition.</param>
public sealed record PartitionLeaseState(int Partition, string? Owner, long Epoch, bool Expired)
{
    /// <summary>Whether an acquisition would take it: free, or its owner let the lease run out.</summary>
    public bool Available => Owner is null || Expired;

    /// <summary>Whether its owner stopped renewing it without releasing it (a node that died or paused).</summary>
    public bool Abandoned => Owner is not null && Expired;

    /// <summary>The owner while the lease runs, else null.</summary>
    public string? LiveOwner => Expired ? null : Owner;
}
