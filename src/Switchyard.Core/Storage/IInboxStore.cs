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
    Task<InboxAppendResult> AppendAsync(IReadOnlyList<InboxRecord> records, CancellationToken cancellationToken);

    /// <summary>Reads stored batches in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<StoredBatch>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The number of batches held.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Forgets dedupe keys older than the retention window; returns how many were dropped.</summary>
    Task<int> PruneDedupeKeysAsync(CancellationToken cancellationToken);
}
