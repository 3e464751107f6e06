using Microsoft.Data.Sqlite;
using Switchyard.Core.Audiences;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite.Audiences;

/// <summary>
/// Audience definitions in <c>audiences.db</c>, a sibling of <c>profiles.db</c> rather than a table in it: the admin
/// API writes definitions at any time, and in the profile database every such write would queue behind the
/// processor's open session. The JSON is stored as given; validating it is the caller's job, and rules that span
/// definitions run inside the write's transaction (<see cref="AudienceRule"/>).
/// </summary>
/// <remarks>
/// Thread-safe: one connection serves every call under a lock, which is plenty for a handful of definitions that
/// change at human speed. The calls finish synchronously (SQLite on a local file) and return completed tasks.
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
    private bool _disposed;

    private SqliteAudienceStore(TimeProvider time, string path, string connectionString, SqliteConnection connection, FileStream fileLock)
    {
        _time = time;
        DatabasePath = path;
        _connectionString = connectionString;
        _connection = connection;
        _fileLock = fileLock;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

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
            return new SqliteAudienceStore(time, path, connectionString, connection, fileLock);
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
    public Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = AudienceSchema.SelectVersion;
            return Task.FromResult((long)command.ExecuteScalar()!);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAudience>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Task.FromResult<IReadOnlyList<StoredAudience>>(List(transaction: null));
        }
    }

    /// <inheritdoc />
    public Task<StoredAudience?> GetAsync(int id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Task.FromResult(Get(id, transaction: null));
        }
    }

    /// <inheritdoc />
    public Task<AudienceWrite> UpsertAsync(int id, string definitionJson, AudienceRule? rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var current = Get(id, transaction);
            if (Refusal(rule, id, current, transaction) is { } refused)
            {
                return Task.FromResult(refused);
            }

            if (current?.DefinitionJson == definitionJson)
            {
                return Task.FromResult(AudienceWrite.Of(AudienceWriteOutcome.Unchanged, existed: true));
            }

            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Upsert;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$json", definitionJson);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            CommitWithNewVersion(transaction);
            return Task.FromResult(AudienceWrite.Of(AudienceWriteOutcome.Written, existed: current is not null));
        }
    }

    /// <inheritdoc />
    public Task<AudienceWrite> DeleteAsync(int id, AudienceRule? rule, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var current = Get(id, transaction);
            if (current is null)
            {
                // Nothing changes, so readers have nothing to recompile: the version stays.
                return Task.FromResult(AudienceWrite.Of(AudienceWriteOutcome.NotFound, existed: false));
            }

            if (Refusal(rule, id, current, transaction) is { } refused)
            {
                return Task.FromResult(refused);
            }

            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Delete;
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
            CommitWithNewVersion(transaction);
            return Task.FromResult(AudienceWrite.Of(AudienceWriteOutcome.Written, existed: true));
        }
    }

    /// <inheritdoc />
    public Task<EvaluatedAudiences?> GetEvaluatedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = AudienceSchema.SelectEvaluated;
            using var reader = command.ExecuteReader();
            return Task.FromResult(reader.Read() ? new EvaluatedAudiences(reader.GetInt64(0), reader.GetString(1)) : null);
        }
    }

    /// <inheritdoc />
    public Task SetEvaluatedAsync(EvaluatedAudiences evaluated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = AudienceSchema.SetEvaluated;
            command.Parameters.AddWithValue("$version", evaluated.Version);
            command.Parameters.AddWithValue("$generation", evaluated.Generation);
            command.ExecuteNonQuery();
            return Task.CompletedTask;
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

    private AudienceWrite? Refusal(AudienceRule? rule, int id, StoredAudience? current, SqliteTransaction transaction)
    {
        if (rule is null)
        {
            return null;
        }

        var problems = rule(current, [.. List(transaction).Where(a => a.Id != id)]);
        return problems.Count > 0 ? new AudienceWrite(AudienceWriteOutcome.Refused, current is not null, problems) : null;
    }

    private List<StoredAudience> List(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AudienceSchema.List;
        using var reader = command.ExecuteReader();
        var audiences = new List<StoredAudience>();
        while (reader.Read())
        {
            audiences.Add(Read(reader));
        }

        return audiences;
    }

    private StoredAudience? Get(int id, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AudienceSchema.Get;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Moves the version in the same transaction as the change, so the two are durable together.</summary>
    private void CommitWithNewVersion(SqliteTransaction transaction)
    {
        using var bump = _connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = AudienceSchema.BumpVersion;
        bump.ExecuteScalar();
        transaction.Commit();
    }

    private static StoredAudience Read(SqliteDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
}
