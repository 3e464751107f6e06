using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>
/// The durable inbox on SQLite (WAL). One writer owns the write connection and commits the appends of
/// many concurrent requests in one transaction (group commit), so throughput does not hinge on one
/// fsync per request. Readers use their own pooled connections, which WAL lets run beside the writer.
/// </summary>
public sealed partial class SqliteInboxStore : IInboxStore
{
    private readonly SqliteStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly Channel<PendingAppend> _pending;
    private readonly SqliteConnection _writer;
    private readonly Task _writerLoop;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private long _commitCount;

    private readonly FileStream _directoryLock;

    private SqliteInboxStore(SqliteStorageOptions options, TimeProvider time, string connectionString, SqliteConnection writer, FileStream directoryLock, int partitions)
    {
        PartitionCount = partitions;
        _directoryLock = directoryLock;
        _options = options;
        _time = time;
        _connectionString = connectionString;
        _writer = writer;
        _pending = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.MaxPendingAppends)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writerLoop = Task.Run(() => RunWriterAsync(_stopping.Token));
    }

    /// <summary>How many transactions the writer has committed; with group commit, far fewer than appends under load.</summary>
    internal long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>The database file.</summary>
    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating when needed) the inbox in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    public static async Task<SqliteInboxStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        PrivateFiles.CreateDirectory(options.DataDirectory);
        // The writer numbers batches itself: a second process writing the same file would collide.
        var directoryLock = DatabaseFileLock.Acquire(options.DataDirectory, "inbox.lock");
        var path = Path.Combine(options.DataDirectory, "inbox.db");
        var connectionString = SqliteConnections.ForDatabase(path);
        SqliteConnection? writer = null;
        int partitions;
        try
        {
            writer = await SqliteConnections.OpenAsync(connectionString, options.SynchronousFull, options.WriterCacheMegabytes, cancellationToken).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(writer, InboxSchema.Create, cancellationToken).ConfigureAwait(false);
            await SchemaColumns.AddMissingAsync(writer, "inbox", InboxSchema.AddedColumns, cancellationToken).ConfigureAwait(false);
            partitions = await PartitionCountAsync(writer, options.Partitions, path, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            await directoryLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteInboxStore(options, time, connectionString, writer, directoryLock, partitions) { DatabasePath = path };
    }

    /// <inheritdoc />
    public async Task<InboxAppendResult> AppendAsync(IReadOnlyList<InboxRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (records.Count == 0)
        {
            return new InboxAppendResult([]);
        }

        // Copy the payloads now: the caller may reuse its buffers as soon as this call returns or is cancelled,
        // while the writer may reach the append later.
        var owned = new InboxRecord[records.Count];
        for (var i = 0; i < owned.Length; i++)
        {
            owned[i] = records[i] with { Payload = records[i].Payload.ToArray() };
        }

        var pending = new PendingAppend(owned);
        await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);

        // Once queued, the append is carried out whatever happens to the caller: the token only stops
        // the wait. A caller that gives up has not been acknowledged, and a retry is caught by the dedupe key.
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredBatch>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = InboxSchema.Read;
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadBatchesAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InboxLanePage> ReadLaneAsync(Core.Partitions.PartitionLane lane, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: the high-water mark and the rows come from the same snapshot.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InboxSchema.ReadLane;
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$lanes", lane.Count);
        command.Parameters.AddWithValue("$lane", lane.Index);
        IReadOnlyList<StoredBatch> batches;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            batches = await ReadBatchesAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        if (batches.Count == limit)
        {
            return new InboxLanePage(Held(lane, batches), batches[^1].Sequence);
        }

        batches = Held(lane, batches);
        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = InboxSchema.LastSequence;
        var through = (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new InboxLanePage(batches, Math.Max(through, afterSequence));
    }

    /// <summary>
    /// A lane narrowed to held partitions is read whole and filtered here: on SQLite one process holds every partition,
    /// so the narrowing only happens in tests, and the page's reach (<see cref="InboxLanePage.ScannedThrough"/>) stays
    /// that of the rows read.
    /// </summary>
    private static IReadOnlyList<StoredBatch> Held(Core.Partitions.PartitionLane lane, IReadOnlyList<StoredBatch> batches) =>
        lane.Held is null ? batches : [.. batches.Where(b => lane.Owns(b.Partition))];

    private static async Task<IReadOnlyList<StoredBatch>> ReadBatchesAsync(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        var batches = new List<StoredBatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new StoredBatch(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                (byte[])reader.GetValue(4))
            {
                Historical = reader.GetInt64(5) != 0,
                Partition = reader.GetInt32(6),
            });
        }

        return batches;
    }

    /// <summary>The store's partition count: recorded at creation, and an open with another count is refused.</summary>
    private static async Task<int> PartitionCountAsync(SqliteConnection writer, int wanted, string path, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wanted, Core.Partitions.UserPartitions.MaxCount);
        await using var read = writer.CreateCommand();
        read.CommandText = InboxSchema.ReadPartitionCount;
        if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long recorded)
        {
            return recorded == wanted
                ? wanted
                : throw new Core.Partitions.PartitionCountMismatchException(path, (int)recorded, wanted);
        }

        await using var write = writer.CreateCommand();
        write.CommandText = InboxSchema.WritePartitionCount;
        write.Parameters.AddWithValue("$count", wanted);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return wanted;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<InboxBacklog> ReadBacklogAsync(long afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = InboxSchema.LastSequence + " SELECT received_at_ms FROM inbox WHERE seq > $after ORDER BY seq LIMIT 1;";
        command.Parameters.AddWithValue("$after", afterSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        DateTimeOffset? oldest = null;
        if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            oldest = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0));
        }

        return new InboxBacklog(oldest is null ? 0 : Math.Max(0, last - afterSequence), oldest);
    }

    /// <inheritdoc />
    public async Task<int> PruneDedupeKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = InboxSchema.Prune;
        command.Parameters.AddWithValue("$cutoff", DedupeCutoffMs());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows removed per transaction by <see cref="PruneBeforeAsync"/>.</summary>
    internal const int PruneChunkSize = 2000;

    /// <inheritdoc />
    public async Task<long> PruneBeforeAsync(long sequence, DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        long removed = 0;
        while (true)
        {
            int deleted;
            // BEGIN IMMEDIATE: the write lock is taken (waiting for the writer's commit) before anything is read.
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InboxSchema.PruneChunk;
                command.Parameters.AddWithValue("$below", sequence);
                command.Parameters.AddWithValue("$chunk", PruneChunkSize);
                command.Parameters.AddWithValue("$cutoff", receivedBefore.ToUnixTimeMilliseconds());
                deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            removed += deleted;
            if (deleted < PruneChunkSize)
            {
                return removed;
            }
        }
    }

    /// <summary>Stops taking appends, lets the writer finish what is queued, and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pending.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        _stopping.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _directoryLock.DisposeAsync().ConfigureAwait(false);
    }

    private long DedupeCutoffMs() => (_time.GetUtcNow() - _options.DedupeRetention).ToUnixTimeMilliseconds();

    private Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(_connectionString, _options.SynchronousFull, cacheMegabytes: 0, cancellationToken);
}
