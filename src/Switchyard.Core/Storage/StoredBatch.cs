namespace Switchyard.Core.Storage;

/// <summary>A batch as the inbox holds it.</summary>
public sealed record StoredBatch(long Sequence, string FeedId, string? SourceRequestId, DateTimeOffset ReceivedAt, byte[] Payload)
{
    /// <summary>The batch arrived on the historical route (<see cref="InboxRecord.Historical"/>); false for batches stored before the flag existed.</summary>
    public bool Historical { get; init; }

    /// <summary>The user partition the inbox recorded for the batch (<see cref="IInboxStore.PartitionCount"/>).</summary>
    public int Partition { get; init; }
}
