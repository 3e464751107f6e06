using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Profiles, identity links, audience memberships, the membership log, the processing checkpoint and the delivery
/// state (outbox, dead letters, ledgers; see <see cref="IDeliveryStore"/>) in
/// <c>profiles.db</c> (SQLite, WAL). One writer connection serves one session at a time; reads outside sessions use
/// their own pooled connections, which WAL lets run beside the writer and which see committed data only.
/// </summary>
/// <remarks>
/// Sessions run side by side, each reading through a reader connection of its own; their commits are serialised on
/// the one writer connection, and commits that arrive while one is being written go into the next transaction together
/// (group commit: one WAL sync for several sessions), each checked and applied under a savepoint of its own. Delivery
/// writes use pooled connections of their own; SQLite lets one of them write at a time, the others wait (busy timeout
/// 30 s), so a write never fails because a commit was in progress.
/// </remarks>
public sealed partial class SqliteProfileStore : IProfileStore, IDeliveryStore, IAudienceSyncStore
{
    private const string FileName = "profiles.db";
    private const string LockFileName = "profiles.lock";

    /// <summary>
    /// 4 KB pages, SQLite's default, rather than the inbox's 16 KB. A batch reads and rewrites rows scattered by random
    /// MPID and identity value (a profile document of about 1.3 KB, its identity links, membership rows), so every page
    /// it touches is a different page, and every byte of it is read into the cache, written to the WAL at commit and
    /// copied back at checkpoint. With a million profiles in the store (docs/benchmarks.md, "Processing with a large
    /// profile store") 4 KB pages cut the bytes read per batch from about 90 KB to 28 KB and the bytes written from
    /// 60 KB to 20 KB. Applies to a new database; an existing one keeps its page size.
    /// </summary>
    internal const int PageSize = 4096;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly ProfileStatements _statements;
    private readonly FileStream _fileLock;
    private readonly WalCheckpointer _checkpointer;
    private readonly SqlitePageCap? _pageCap;
    private readonly SemaphoreSlim _sessionGate = new(1, 1);

    /// <summary>What the recent write transactions changed, so commits check their sessions' reads without reading again.</summary>
    internal WriteMarks Marks { get; }

    /// <summary>The profiles recent commits saved, so sessions read them again without a query.</summary>
    internal RecentProfiles Recent { get; }
    private SessionSizes _sessionSizes = SessionSizes.None;
    private readonly List<PendingCommit> _commits = [];

    // Partition fences live in memory: the data directory's lock keeps every other process out, so the only owner a
    // fence could shut out is this process's own earlier lease, and a restart begins with no lease to fence.
    private long[] _fences = [];
    private readonly bool _synchronousFull;
    private bool _writerSynchronousFull;
    private readonly System.Collections.Concurrent.ConcurrentBag<SessionReader> _readers = [];
    private int _disposed;

    private SqliteProfileStore(string path, string connectionString, SqliteConnection writer, FileStream fileLock, SqliteStorageOptions options, int partitions)
    {
        Recent = new RecentProfiles(options.RecentProfilesMegabytes * 1024L * 1024);
        Marks = new WriteMarks(Recent);
        _synchronousFull = options.SynchronousFull;
        _writerSynchronousFull = options.SynchronousFull;
        PartitionCount = partitions;
        _pageCap = options.PageCap;
        DatabasePath = path;
        _connectionString = connectionString;
        _writer = writer;
        _fileLock = fileLock;
        _statements = new ProfileStatements(writer);
        _checkpointer = WalCheckpointer.Start(connectionString, "profiles");
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>How long an erasure waits for a commit in progress to finish; shortened by tests.</summary>
    internal TimeSpan SessionWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where new MPIDs come from: a cryptographic generator, so ids are not guessable; replaced by tests.</summary>
    internal Func<long> MpidSource { get; set; } = RandomMpid;

    /// <summary>Opens (creating when needed) the profile store in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    /// <param name="time">
    /// Taken for symmetry with the other stores; nothing here reads the clock yet, as every stored time comes from
    /// the caller (the batch being processed).
    /// </param>
    public static async Task<SqliteProfileStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RecentProfilesMegabytes, nameof(options));
        PrivateFiles.CreateDirectory(options.DataDirectory);
        var fileLock = DatabaseFileLock.Acquire(options.DataDirectory, LockFileName);
        var path = Path.Combine(options.DataDirectory, FileName);
        var connectionString = SqliteConnections.ForDatabase(path);
        SqliteConnection? writer = null;
        try
        {
            writer = await SqliteConnections.OpenAsync(connectionString, options.SynchronousFull, options.WriterCacheMegabytes, cancellationToken, PageSize).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(writer, ProfileSchema.Create + OutboxSchema.Create + AudienceSyncSchema.Create, cancellationToken).ConfigureAwait(false);
            await SchemaColumns.AddMissingAsync(writer, "outbox", OutboxSchema.BatchColumns, cancellationToken).ConfigureAwait(false);
            await SchemaColumns.AddMissingAsync(writer, "dead_letters", OutboxSchema.BatchColumns, cancellationToken).ConfigureAwait(false);
            await SchemaColumns.AddMissingAsync(writer, "last_sent", OutboxSchema.LedgerColumns, cancellationToken).ConfigureAwait(false);
            await SchemaColumns.AddMissingAsync(writer, "profiles", ProfileSchema.AddedProfileColumns, cancellationToken).ConfigureAwait(false);
            var partitions = await PartitionCursorsAsync(writer, options.Partitions, path, cancellationToken).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(writer, WalCheckpointer.WriterPragmas, cancellationToken).ConfigureAwait(false);
            return new SqliteProfileStore(path, connectionString, writer, fileLock, options, partitions);
        }
        catch
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            await fileLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <inheritdoc />
    public ValueTask<IProfileSession> BeginSessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        // Noted before the session reads anything (WriteMarks).
        var seen = Marks.Committed;
        var reader = _readers.TryTake(out var pooled) ? pooled : new SessionReader(ReaderConnections.Open(_connectionString, _pageCap));
        try
        {
            return ValueTask.FromResult<IProfileSession>(new SqliteProfileSession(this, reader, MpidSource, Volatile.Read(ref _sessionSizes), seen));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>Taken between group commits, so a commit under way ends first.</remarks>
    public async Task<IReadOnlyList<Core.Partitions.PartitionLease>> TakeFencesAsync(IReadOnlyCollection<Core.Partitions.PartitionLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_fences.Length == 0)
            {
                _fences = new long[PartitionCount];
            }

            var taken = new List<Core.Partitions.PartitionLease>(leases.Count);
            foreach (var lease in leases.OrderBy(l => l.Partition))
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lease.Partition, PartitionCount, nameof(leases));
                if (_fences[lease.Partition] <= lease.Epoch)
                {
                    _fences[lease.Partition] = lease.Epoch;
                    taken.Add(lease);
                }
            }

            return taken;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>The partitions the session fenced whose fence has moved past its epoch (called under the session gate).</summary>
    private List<int>? FencedPartitions(SqliteProfileSession session)
    {
        if (session.Fences.Count == 0)
        {
            return null;
        }

        return [.. session.Fences.Where(f => (_fences.Length == 0 ? 0 : _fences[f.Key]) != f.Value).Select(f => f.Key).Order()];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ReadPartitionCursorsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.SelectCursors);
        using var reader = command.ExecuteReader();
        var cursors = new long[PartitionCount];
        while (reader.Read())
        {
            cursors[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return Task.FromResult<IReadOnlyList<long>>(cursors);
    }

    /// <summary>Remembers how large a committing session's records grew, for the next sessions' first sizes.</summary>
    internal void NoteSessionSizes(SessionSizes latest)
    {
        // Lanes commit side by side; a hint lost to a race only costs a record that grows.
        Volatile.Write(ref _sessionSizes, Volatile.Read(ref _sessionSizes).After(latest));
    }

    /// <summary>A session's reader, back in the pool for the next session (or closed once the store is).</summary>
    internal void ReturnReader(SessionReader reader)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            reader.Dispose();
            return;
        }

        _readers.Add(reader);
    }

    /// <summary>
    /// Commits a session: checks what it read and carries out its writes, in one transaction with whatever other
    /// sessions are waiting to commit (group commit). Throws <see cref="ProfileWriteConflictException"/> when another
    /// session changed what it read; a storage failure fails every session of the group, and none of them wrote anything.
    /// </summary>
    internal async Task CommitAsync(SqliteProfileSession session)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = new PendingCommit(session);
        lock (_commits)
        {
            _commits.Add(pending);
        }

        // Not cancellable once queued: a leader may already be writing it, and the caller must learn how that ended.
        await _sessionGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!pending.Completion.Task.IsCompleted)
            {
                List<PendingCommit> group;
                lock (_commits)
                {
                    group = [.. _commits];
                    _commits.Clear();
                }

                WriteGroup(group);
            }
        }
        finally
        {
            _sessionGate.Release();
        }

        await pending.Completion.Task.ConfigureAwait(false);
    }

    private void WriteGroup(List<PendingCommit> group)
    {
        var outcomes = new Exception?[group.Count];
        var applied = new List<SqliteProfileWriter>(group.Count);
        try
        {
            UseSynchronousFull(_synchronousFull && group.Exists(p => p.Session.Durable));
            using var transaction = _writer.BeginTransaction(deferred: false);
            _statements.Enlist(transaction);
            for (var i = 0; i < group.Count; i++)
            {
                var savepoint = "session" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                transaction.Save(savepoint);
                try
                {
                    var writer = new SqliteProfileWriter(_statements, group[i].Session.StoredLinksRead(), Marks);
                    if (FencedPartitions(group[i].Session) is { Count: > 0 } fenced)
                    {
                        outcomes[i] = new Core.Partitions.PartitionFencedException(fenced);
                        transaction.Rollback(savepoint);
                    }
                    else if (group[i].Session.StillHolds(writer, Marks))
                    {
                        group[i].Session.Apply(writer);
                        applied.Add(writer);
                    }
                    else
                    {
                        outcomes[i] = new ProfileWriteConflictException();
                        transaction.Rollback(savepoint);
                    }
                }
                catch (Exception e) when (e is not SqliteException)
                {
                    outcomes[i] = e;
                    transaction.Rollback(savepoint);
                }

                transaction.Release(savepoint);
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of the group is durable.
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(e);
            }

            return;
        }
        finally
        {
            _statements.Enlist(null);
        }

        // Before the transaction's number is published, so a session that notes it finds what the transaction saved.
        try
        {
            foreach (var writer in applied)
            {
                writer.KeepSaved(Recent);
            }
        }
        catch (Exception)
        {
            // The commit stands. An absence kept while it ran may now be wrong, and once the number is published the
            // marks would no longer catch it, so nothing kept is trusted any more.
            Recent.Clear();
        }

        Marks.CommitDone();
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is { } failure)
            {
                group[i].Completion.TrySetException(failure);
            }
            else
            {
                group[i].Completion.TrySetResult();
            }
        }
    }

    /// <summary>Whether the writer's last commit waited for the disk (tests).</summary>
    internal bool LastCommitSynchronousFull => _writerSynchronousFull;

    /// <summary>The writer's background checkpointer (tests).</summary>
    internal WalCheckpointer Checkpointer => _checkpointer;

    /// <summary>
    /// Sets whether the writer's next commit waits for the disk (<c>synchronous=FULL</c>) or only for the WAL write
    /// (<c>NORMAL</c>). Processing commits use NORMAL: in WAL mode a commit is still atomic and survives a crash of the
    /// process, and after a power loss the last ones roll back with the partition cursors they moved, so their batches
    /// are processed again from the inbox (which syncs every acknowledged append). The first durable commit after them
    /// (any delivery or admin write on this file, which run FULL, or a session that asked for it) syncs them too, since
    /// the WAL is written in order. Skipping the sync per chunk keeps the writer, which all partition lanes share, free
    /// for the next chunk (docs/benchmarks.md, "Processing with partition lanes").
    /// </summary>
    private void UseSynchronousFull(bool full)
    {
        if (full == _writerSynchronousFull)
        {
            return;
        }

        using var command = _writer.CreateCommand();
        command.CommandText = full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        _writerSynchronousFull = full;
    }

    /// <summary>The store's partition cursors: created from the old single checkpoint, refused with another count.</summary>
    private static async Task<int> PartitionCursorsAsync(SqliteConnection writer, int wanted, string path, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wanted, Core.Partitions.UserPartitions.MaxCount);
        await using var count = writer.CreateCommand();
        count.CommandText = ProfileSchema.CountCursors;
        var recorded = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (recorded == 0)
        {
            await using var seed = writer.CreateCommand();
            seed.CommandText = ProfileSchema.SeedCursors;
            seed.Parameters.AddWithValue("$count", wanted);
            await seed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return wanted;
        }

        return recorded == wanted ? wanted : throw new Core.Partitions.PartitionCountMismatchException(path, (int)recorded, wanted);
    }

    private static long RandomMpid()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    /// <summary>Waits for a commit in progress to finish, then closes the database and releases the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sessionGate.WaitAsync().ConfigureAwait(false);
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _statements.Dispose();
        _checkpointer.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _fileLock.DisposeAsync().ConfigureAwait(false);
        _sessionGate.Dispose();
    }
}
