using Npgsql;
using Switchyard.Core.Workspace;

namespace Switchyard.Storage.Postgres.Configuration;

/// <summary>
/// The inputs, outputs and connections saved through the admin API, in PostgreSQL and shared by every node on the
/// database. Each call is one statement, so a save or a delete is atomic whichever node makes it, and a node reads what
/// another committed without restarting. The rows hold secrets (input secrets, REST keys): who may read them is up to
/// the database's roles, as the file mode is for SQLite.
/// </summary>
/// <remarks>Thread-safe: every call takes a pooled connection of its own.</remarks>
public sealed class PostgresWorkspaceEntryStore : IWorkspaceEntryStore, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;

    private PostgresWorkspaceEntryStore(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Connects to the database and brings the workspace table up to date, creating it when needed.</summary>
    public static async Task<PostgresWorkspaceEntryStore> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(WorkspaceEntrySchema.Component, WorkspaceEntrySchema.Migrations, cancellationToken).ConfigureAwait(false);
            return new PostgresWorkspaceEntryStore(database, time);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredWorkspaceEntry>> WorkspaceEntriesAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(WorkspaceEntrySchema.List);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<StoredWorkspaceEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A kind this version does not know (written by a newer one, perhaps on another node) is left for that version.
            if (Enum.TryParse<WorkspaceEntryKind>(reader.GetString(0), ignoreCase: true, out var kind))
            {
                entries.Add(new StoredWorkspaceEntry(kind, reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task SaveWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(json);
        await using var command = _database.Source.CreateCommand(WorkspaceEntrySchema.Upsert);
        command.Parameters.Add(new NpgsqlParameter<string>("kind", KindName(kind)));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<string>("json", json));
        command.Parameters.Add(new NpgsqlParameter<long>("now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = _database.Source.CreateCommand(WorkspaceEntrySchema.Delete);
        command.Parameters.Add(new NpgsqlParameter<string>("kind", KindName(kind)));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Closes the store's connections; calls after this fail with <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>The name stored for a kind, the same the SQLite provider stores.</summary>
    private static string KindName(WorkspaceEntryKind kind) => kind.ToString().ToLowerInvariant();
}
