namespace Switchyard.Core.Storage;

/// <summary>
/// The durable inbox: every batch the Events API acknowledges is appended here before the 202 goes out.
/// Providers (SQLite, PostgreSQL) must pass the storage compliance suite.
/// </summary>
public interface IInboxStore : IAsyncDisposable
{
    /// <summary>
    /// Appends the batches of one request atomically: either all of them are durable when the task
    /// completes, or it faults and none are. Batches whose (feed, source_request_id) was already stored
    /// within the dedupe retention are not stored again; their slot in the result is <c>null</c>.
    /// </summary>
    /// <remarks>
    /// A record with <see cref="InboxRecord.MessageIds"/> (a Braze feed, whose sender is at-least-once) has each non-null
    /// id claimed as (feed, source_message_id), in the same transaction, in a namespace of its own: a message id never
    /// collides with a request id. Ids are claimed in order, records and events alike, so an id repeated within one
    /// append is kept the first time only. Then:
    /// <list type="bullet">
    /// <item>no event's id was claimed before: the batch is stored exactly as received;</item>
    /// <item>some were: the batch is stored without those events (its JSON rewritten, every other field kept), and
    /// <see cref="InboxAppendResult.DroppedEvents"/> counts them;</item>
    /// <item>every event was dropped: the batch is a duplicate and its slot is <c>null</c>.</item>
    /// </list>
    /// A record that repeats a source_request_id claims no message ids. Message ids share the retention of request ids
    /// and are forgotten by <see cref="PruneDedupeKeysAsync"/>, after which they count as new again.
    /// </remarks>
    Task<InboxAppendResult> AppendAsync(IReadOnlyList<InboxRecord> records, CancellationToken cancellationToken);

    /// <summary>Reads stored batches in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<StoredBatch>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// How many user partitions batches are spread over (<see cref="Partitions.UserPartitions"/>): fixed when the
    /// store is created, and opening it with another count is refused, since stored batches keep their partition.
    /// </summary>
    int PartitionCount { get; }

    /// <summary>
    /// Reads up to <paramref name="limit"/> batches of the lane's partitions after <paramref name="afterSequence"/>, in
    /// sequence order, and how far the read looked: every batch of the lane up to <see cref="InboxLanePage.ScannedThrough"/>
    /// is in the page or at or below <paramref name="afterSequence"/>, and none will commit there later.
    /// </summary>
    Task<InboxLanePage> ReadLaneAsync(Partitions.PartitionLane lane, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The number of batches held.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes batches with a sequence below <paramref name="sequence"/> that were received before
    /// <paramref name="receivedBefore"/>, oldest first, in short transactions so appends are never held up for long;
    /// returns how many. Sequences are never reused after removal. The space they held is reused by later appends.
    /// </summary>
    Task<long> PruneBeforeAsync(long sequence, DateTimeOffset receivedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// How far processing is behind a consumer at <paramref name="afterSequence"/>: batches stored after it (by sequence,
    /// which grows by one per stored batch) and when the oldest of them was received.
    /// </summary>
    Task<InboxBacklog> ReadBacklogAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the space of dedupe keys (request ids and message ids) that have left the retention window; returns how many
    /// were dropped. A key younger than the retention is never dropped. An older one is dropped at the store's grain:
    /// by the first prune after it expired (SQLite), or with the whole generation it is in, which a store that keeps
    /// keys by generation (PostgreSQL) drops within a quarter of the retention after the last key in it expired,
    /// provided pruning runs that often. An expired key never blocks an append, dropped or not.
    /// </summary>
    Task<int> PruneDedupeKeysAsync(CancellationToken cancellationToken);
}
