using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// The durable inbox on PostgreSQL.
/// <para>
/// <b>Group commit.</b> Appends go through a bounded queue to <see cref="PostgresInboxOptions.Writers"/> writer loops
/// (two by default). A writer takes whatever has queued (up to <see cref="PostgresInboxOptions.MaxAppendsPerFlush"/>
/// appends or <see cref="PostgresInboxOptions.MaxFlushBytes"/>) and stores it in one transaction: the flush's request ids
/// in one <c>INSERT … SELECT FROM unnest … ON CONFLICT … RETURNING</c>, its message ids in another, the batches by
/// <c>COPY … (FORMAT BINARY)</c>, then one commit with <c>synchronous_commit</c> on, after which every caller of the flush
/// gets its answer. There is no flush timer: the appends that arrive while a flush commits make the next, so a quiet
/// inbox commits each append at once and a busy one commits many together. With two writers one flush claims its keys
/// while the other inserts and commits.
/// </para>
/// <para>
/// <b>Sequences are commit-ordered</b>, so a reader at "sequence &gt; cursor" never passes a batch that commits later.
/// A flush takes its sequences last, by raising <c>inbox_sequence.last_sequence</c> (one row), which holds that row's
/// lock until the transaction ends; then it inserts and commits. PostgreSQL makes a transaction visible before it
/// releases its locks (<c>CommitTransaction</c> in its <c>xact.c</c> leaves the proc array, then releases locks, so a
/// waiter sees the transaction "fully cleaned up"), so the next writer (of this node or another) can take sequences only after every lower sequence
/// is either visible or rolled back: whoever sees a sequence sees all lower ones. The cost is that appending
/// transactions of all writers and nodes commit one at a time, which group commit amortises; the lock is held for the
/// take, the copy and the commit, never while a claim waits on another writer's keys (claims come first). The counter, unlike a
/// PostgreSQL sequence, rolls back with a failed flush, so sequences have no gaps and the backlog is a subtraction.
/// </para>
/// <para>
/// <b>Retention drops segments.</b> <c>inbox</c> is range-partitioned by sequence into segments, each sized when the
/// sequences reach it to fill in about <see cref="PostgresInboxOptions.SegmentSpan"/> (at most
/// <see cref="PostgresInboxOptions.SegmentSize"/> sequences); <see cref="PruneBeforeAsync"/> drops a segment only when
/// all of it is below the sequence bound, all of it has been handed out, and its newest batch was received before the
/// time bound. Rows are never bulk-deleted, and a row at or above the sequence bound is never removed. The dedupe keys
/// are partitioned by generation and leave a generation at a time (<see cref="DedupeGenerations"/>).
/// </para>
/// <para>
/// <b>Other nodes hear of new batches</b> through <see cref="InboxNotifier"/>: after a flush that stored at least one
/// batch, a debounced notification goes out, after the commit and outside the transaction, unless
/// <see cref="PostgresStorageOptions.Notifications"/> is off.
/// </para>
/// </summary>
public sealed partial class PostgresInboxStore : IInboxStore, IStorageLogging
{
    private readonly PostgresDatabase _database;
    private readonly PostgresInboxOptions _options;
    private readonly TimeSpan _dedupeRetention;
    private readonly TimeProvider _time;
    private readonly Channel<PendingAppend> _pending;
    private readonly Task[] _writerLoops;
    private readonly InboxNotifier? _notifier;
    private int _disposed;
    private long _commitCount;

    private PostgresInboxStore(PostgresDatabase database, PostgresStorageOptions options, TimeProvider time)
    {
        _database = database;
        _options = options.Inbox;
        _dedupeRetention = options.DedupeRetention;
        _time = time;
        _notifier = options.Notifications ? new InboxNotifier(database.Source, time, logger: null) : null;
        _pending = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(_options.MaxPendingAppends)
        {
            SingleReader = _options.Writers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writerLoops = [.. Enumerable.Range(0, _options.Writers).Select(_ => Task.Run(RunWriterAsync))];
    }

    /// <inheritdoc />
    public int PartitionCount => _database.Partitions;

    /// <summary>How many transactions the writer has committed; with group commit, far fewer than appends under load.</summary>
    internal long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>How many notifications this node has sent to other nodes (none when notifications are off).</summary>
    internal long NotificationsSent => _notifier?.Sent ?? 0;

    /// <inheritdoc />
    /// <remarks>The inbox logs when its notifications to other nodes fail (<see cref="InboxNotifier"/>).</remarks>
    public void LogTo(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _notifier?.LogTo(loggers.CreateLogger<PostgresInboxStore>());
    }

    /// <summary>Connects, brings the inbox tables up to date and starts the writer.</summary>
    public static async Task<PostgresInboxStore> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options.Inbox);
        options.Inbox.Validate();
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(InboxSchema.Component, InboxSchema.Migrations, cancellationToken).ConfigureAwait(false);
            await DedupeGenerations.StartAsync(database.Source, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresInboxStore(database, options, time);
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

        var pending = new PendingAppend(records);
        try
        {
            await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Disposed between the check above and the queue.
            throw new ObjectDisposedException(nameof(PostgresInboxStore));
        }

        // Once queued, the append is carried out whatever happens to the caller: the token only stops the wait. A
        // caller that gives up has not been acknowledged, and its retry is caught by the dedupe key.
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredBatch>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _database.Source.CreateCommand(InboxSchema.Read);
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadBatchesAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The counter is read first, then the rows, each statement in its own snapshot: every sequence up to the counter had
    /// committed when it was read, so the later row read sees all of the lane's batches up to it.
    /// </remarks>
    public async Task<InboxLanePage> ReadLaneAsync(PartitionLane lane, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var batch = _database.Source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InboxSchema.LastSequence));
        var rows = new NpgsqlBatchCommand(lane.Held is null ? InboxSchema.ReadLane : InboxSchema.ReadPartitions);
        rows.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        if (lane.Held is null)
        {
            rows.Parameters.Add(new NpgsqlParameter<int>("lanes", lane.Count));
            rows.Parameters.Add(new NpgsqlParameter<int>("lane", lane.Index));
        }
        else
        {
            rows.Parameters.Add(new NpgsqlParameter<int[]>("partitions", [.. lane.PartitionsOf(PartitionCount)]));
        }

        rows.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        batch.BatchCommands.Add(rows);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var batches = await ReadBatchesAsync(reader, cancellationToken).ConfigureAwait(false);
        if (batches.Count == limit)
        {
            return new InboxLanePage(batches, batches[^1].Sequence);
        }

        var through = Math.Max(last, afterSequence);
        return new InboxLanePage(batches, batches.Count == 0 ? through : Math.Max(through, batches[^1].Sequence));
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(InboxSchema.Count);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<InboxBacklog> ReadBacklogAsync(long afterSequence, CancellationToken cancellationToken)
    {
        await using var batch = _database.Source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InboxSchema.LastSequence));
        var oldest = new NpgsqlBatchCommand(InboxSchema.OldestAfter);
        oldest.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        batch.BatchCommands.Add(oldest);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new InboxBacklog(0, null);
        }

        // Read after the counter, so the oldest batch may be newer than it: never report less than one batch then.
        return new InboxBacklog(Math.Max(1, last - afterSequence), reader.GetFieldValue<DateTimeOffset>(0));
    }

    /// <summary>Stops taking appends, lets the writers finish what is queued, and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pending.Writer.TryComplete();
        await Task.WhenAll(_writerLoops).ConfigureAwait(false);
        if (_notifier is not null)
        {
            await _notifier.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StoredBatch>> ReadBatchesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var batches = new List<StoredBatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new StoredBatch(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<byte[]>(4))
            {
                Historical = reader.GetBoolean(5),
                Partition = reader.GetInt32(6),
            });
        }

        return batches;
    }
}
