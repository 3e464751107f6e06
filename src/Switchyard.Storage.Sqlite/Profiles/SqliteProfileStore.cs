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
/// <see cref="BeginSession"/> while another session is open waits for that session to be committed or disposed, up to
/// 30 seconds, then throws <see cref="TimeoutException"/>: several workers may share the store, but a caller that
/// opens a second session before closing its first would otherwise wait forever.
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
    private readonly SqlitePageCap? _pageCap;
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private int _disposed;

    private SqliteProfileStore(string path, string connectionString, SqliteConnection writer, FileStream fileLock, SqlitePageCap? pageCap)
    {
        _pageCap = pageCap;
        DatabasePath = path;
        _connectionString = connectionString;
        _writer = writer;
        _fileLock = fileLock;
        _statements = new ProfileStatements(writer);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>How long <see cref="BeginSession"/> waits for the open session to finish; shortened by tests.</summary>
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
            return new SqliteProfileStore(path, connectionString, writer, fileLock, options.PageCap);
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
    public IProfileSession BeginSession()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_sessionGate.Wait(SessionWaitTimeout))
        {
            throw new TimeoutException(
                $"Another profile session stayed open for {SessionWaitTimeout}; commit or dispose a session before beginning the next (one caller holding two deadlocks).");
        }

        SqliteTransaction? transaction = null;
        try
        {
            // Checked again: the store may have been disposed while this caller waited for the gate.
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            transaction = _writer.BeginTransaction(deferred: false);
            _statements.Enlist(transaction);
            return new SqliteProfileSession(_statements, transaction, MpidSource, () => _sessionGate.Release());
        }
        catch
        {
            _statements.Enlist(null);
            transaction?.Dispose();
            _sessionGate.Release();
            throw;
        }
    }

    private static long RandomMpid()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    /// <summary>Waits for an open session to finish, then closes the database and releases the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sessionGate.WaitAsync().ConfigureAwait(false);
        _statements.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _fileLock.DisposeAsync().ConfigureAwait(false);
        _sessionGate.Dispose();
    }
}
