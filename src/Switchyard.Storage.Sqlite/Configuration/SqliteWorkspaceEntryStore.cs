using Microsoft.Data.Sqlite;
using Switchyard.Core.Workspace;

namespace Switchyard.Storage.Sqlite.Configuration;

/// <summary>
/// The inputs, outputs and connections saved through the admin API, in <c>workspace.db</c>: a file of its own, like
/// <c>audiences.db</c>, so a change made at human speed never waits behind the processor's session in the profile
/// database. The file holds secrets (input secrets, REST keys) and is 0600 like every database Switchyard writes.
/// </summary>
/// <remarks>Thread-safe: one connection serves every call under a lock (<see cref="SingleConnectionDatabase"/>).</remarks>
public sealed class SqliteWorkspaceEntryStore : IWorkspaceEntryStore, IAsyncDisposable
{
    private const string FileName = "workspace.db";
    private const string LockFileName = "workspace.lock";

    private readonly TimeProvider _time;
    private SingleConnectionDatabase _database = null!;

    private SqliteWorkspaceEntryStore(TimeProvider time) => _time = time;

    /// <summary>The database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>Opens (creating when needed) the store in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    public static async Task<SqliteWorkspaceEntryStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var store = new SqliteWorkspaceEntryStore(time);
        store._database = await SingleConnectionDatabase.OpenAsync(options, FileName, LockFileName, WorkspaceEntrySchema.Create, store, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredWorkspaceEntry>> WorkspaceEntriesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WorkspaceEntries());
    }

    private IReadOnlyList<StoredWorkspaceEntry> WorkspaceEntries() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
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

        return (IReadOnlyList<StoredWorkspaceEntry>)entries;
    });

    /// <inheritdoc />
    public Task SaveWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, string json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SaveWorkspaceEntry(kind, id, json);
        return Task.CompletedTask;
    }

    private void SaveWorkspaceEntry(WorkspaceEntryKind kind, string id, string json)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(json);
        _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = WorkspaceEntrySchema.Upsert;
            command.Parameters.AddWithValue("$kind", KindName(kind));
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        });
    }

    /// <inheritdoc />
    public Task<bool> DeleteWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeleteWorkspaceEntry(kind, id));
    }

    private bool DeleteWorkspaceEntry(WorkspaceEntryKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = WorkspaceEntrySchema.Delete;
            command.Parameters.AddWithValue("$kind", KindName(kind));
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <summary>Closes the database and releases the directory.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static string KindName(WorkspaceEntryKind kind) => kind.ToString().ToLowerInvariant();
}
