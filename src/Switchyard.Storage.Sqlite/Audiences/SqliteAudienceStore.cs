using Microsoft.Data.Sqlite;
using Switchyard.Core.Audiences;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite.Audiences;

/// <summary>
/// Audience definitions in <c>audiences.db</c>, a sibling of <c>profiles.db</c> rather than a table in it: the admin
/// API writes definitions at any time, and in the profile database every such write would queue behind the
/// processor's open session. The JSON is stored as given; validating it is the caller's job.
/// </summary>
/// <remarks>
/// Thread-safe: one connection serves every call under a lock, which is plenty for a handful of definitions that
/// change at human speed. <see cref="Version"/> is read without the lock.
/// </remarks>
public sealed class SqliteAudienceStore : IAudienceStore, IAsyncDisposable
{
    private const string FileName = "audiences.db";
    private const string LockFileName = "audiences.lock";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly FileStream _fileLock;
    private long _version;
    private bool _disposed;

    private SqliteAudienceStore(TimeProvider time, string path, string connectionString, SqliteConnection connection, FileStream fileLock, long version)
    {
        _time = time;
        DatabasePath = path;
        _connectionString = connectionString;
        _connection = connection;
        _fileLock = fileLock;
        _version = version;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    /// <remarks>Persisted: it keeps growing across restarts, so a reader never mistakes new definitions for old ones.</remarks>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Opens (creating when needed) the audience store in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    public static async Task<SqliteAudienceStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        PrivateFiles.CreateDirectory(options.DataDirectory);
        var fileLock = DatabaseFileLock.Acquire(options.DataDirectory, LockFileName);
        var path = Path.Combine(options.DataDirectory, FileName);
        var connectionString = SqliteConnections.ForDatabase(path);
        SqliteConnection? connection = null;
        try
        {
            connection = await SqliteConnections.OpenAsync(connectionString, options.SynchronousFull, cacheMegabytes: 0, cancellationToken).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(connection, AudienceSchema.Create, cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = AudienceSchema.SelectVersion;
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new SqliteAudienceStore(time, path, connectionString, connection, fileLock, version);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await fileLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredAudience> List()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = AudienceSchema.List;
            using var reader = command.ExecuteReader();
            var audiences = new List<StoredAudience>();
            while (reader.Read())
            {
                audiences.Add(Read(reader));
            }

            return audiences;
        }
    }

    /// <inheritdoc />
    public StoredAudience? Get(int id)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = AudienceSchema.Get;
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <inheritdoc />
    public void Upsert(int id, string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Upsert;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$json", definitionJson);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            CommitWithNewVersion(transaction);
        }
    }

    /// <inheritdoc />
    public bool Delete(int id)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Delete;
            command.Parameters.AddWithValue("$id", id);
            if (command.ExecuteNonQuery() == 0)
            {
                // Nothing changed, so readers have nothing to recompile: the version stays.
                return false;
            }

            CommitWithNewVersion(transaction);
            return true;
        }
    }

    /// <summary>Closes the database and releases the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _fileLock.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Moves the version in the same transaction as the change, so the two are durable together.</summary>
    private void CommitWithNewVersion(SqliteTransaction transaction)
    {
        using var bump = _connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = AudienceSchema.BumpVersion;
        var version = (long)bump.ExecuteScalar()!;
        transaction.Commit();
        Volatile.Write(ref _version, version);
    }

    private static StoredAudience Read(SqliteDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
}
