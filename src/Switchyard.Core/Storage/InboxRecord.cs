namespace Switchyard.Core.Storage;

/// <summary>One batch to append: the input feed it came through, its dedupe key and its raw JSON.</summary>
public sealed record InboxRecord(string FeedId, string? SourceRequestId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>
    /// The <c>source_message_id</c> of each event of the batch, by index in its <c>events</c> array (null where an event
    /// has none), when the feed de-duplicates events by it (Braze feeds). Null for every other feed: no event is then
    /// checked. See <see cref="IInboxStore.AppendAsync"/>.
    /// </summary>
    public IReadOnlyList<string?>? MessageIds { get; init; }

    /// <summary>
    /// True for a batch that arrived on <c>/v2/bulkevents/historical</c>: it updates profiles and audiences but is not
    /// queued for event outputs, as mParticle keeps historical data from them (docs/events-api.md).
    /// </summary>
    public bool Historical { get; init; }

    /// <summary>
    /// The batch's user partition key (<see cref="Partitions.UserPartitions.KeyOf"/>); the store turns it into the
    /// partition number it records. Null: the batch names nobody and may go to any partition.
    /// </summary>
    public string? PartitionKey { get; init; }
}
