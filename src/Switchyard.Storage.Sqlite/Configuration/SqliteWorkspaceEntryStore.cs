using Microsoft.Data.Sqlite;
using Switchyard.Core.Workspace;

namespace Switchyard.Storage.Sqlite.Configuration;

/// <summary>
/// The inputs, outputs and connections saved through the admin API, in <c>workspace.db</c>: a file of its own, like
/// <c>audiences.db</c>, so a change made at human speed never waits behind the processor's session in the profile
/// database. The file holds secrets (input secrets, REST keys) and is 0600 like every database Switchyard writes.
/// </summary>
/// <remarks>Thread-safe: one connection serves every call under a lock.</remarks>
public sealed class SqliteWorkspaceEntryStore : IWorkspaceEntryStore, IAsyncDisposable
{
    private const string FileName = "workspace.db";
    private const string LockFileName = "workspace.lock";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly FileStream _fileLock;
    private bool _disposed;

    private SqliteWorkspaceEntryStore(TimeProvider time, string path, string connectionString, SqliteConnection connection, FileStream fileLock)
    {
        _time = time;
        DatabasePath = path;
        _connectionString = connectionString;
        _connection = connection;
        _fileLock = fileLock;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (creating when needed) the store in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    public static async Task<SqliteWorkspaceEntryStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
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
            await SqliteConnections.ExecuteAsync(connection, WorkspaceEntrySchema.Create, cancellationToken).ConfigureAwait(false);
            return new SqliteWorkspaceEntryStore(time, path, connectionString, connection, fileLock);
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
    public IReadOnlyList<StoredWorkspaceEntry> WorkspaceEntries()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = WorkspaceEntrySchema.List;
            using var reader = command.ExecuteReader();
            var entries = new List<StoredWorkspaceEntry>();
            while (reader.Read())
            {
                // A kind this version does not know (written by a newer one) is left for that version.
                if (Enum.TryParse<WorkspaceEntryKind>(reader.GetString(0), ignoreCase: true, out var kind))
                {
                    entries.Add(new StoredWorkspaceEntry(kind, reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
                }
            }

            return entries;
        }
    }

    /// <inheritdoc />
    public void SaveWorkspaceEntry(WorkspaceEntryKind kind, string id, string json)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = WorkspaceEntrySchema.Upsert;
            command.Parameters.AddWithValue("$kind", KindName(kind));
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public bool DeleteWorkspaceEntry(WorkspaceEntryKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = WorkspaceEntrySchema.Delete;
            command.Parameters.AddWithValue("$kind", KindName(kind));
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
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

    private static string KindName(WorkspaceEntryKind kind) => kind.ToString().ToLowerInvariant();
}
