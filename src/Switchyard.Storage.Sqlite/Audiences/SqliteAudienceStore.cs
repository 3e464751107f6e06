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
/// Thread-safe: one connection serves every call under a lock (<see cref="SingleConnectionDatabase"/>), which is plenty for a handful of definitions that
/// change at human speed. The calls finish synchronously (SQLite on a local file) and return completed tasks.
/// </remarks>
public sealed class SqliteAudienceStore : IAudienceStore, IAsyncDisposable
{
    private const string FileName = "audiences.db";
    private const string LockFileName = "audiences.lock";

    private readonly TimeProvider _time;
    private SingleConnectionDatabase _database = null!;

    private SqliteAudienceStore(TimeProvider time) => _time = time;

    /// <summary>The database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>Opens (creating when needed) the audience store in <see cref="SqliteStorageOptions.DataDirectory"/>.</summary>
    public static async Task<SqliteAudienceStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var store = new SqliteAudienceStore(time);
        store._database = await SingleConnectionDatabase.OpenAsync(options, FileName, LockFileName, AudienceSchema.Create, store, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc />
    public Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = AudienceSchema.SelectVersion;
            return (long)command.ExecuteScalar()!;
        }));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAudience>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<StoredAudience>>(_database.Use(connection => List(connection, transaction: null)));
    }

    /// <inheritdoc />
    public Task<StoredAudience?> GetAsync(int id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Use(connection => Get(connection, id, transaction: null)));
    }

    /// <inheritdoc />
    public Task<AudienceWrite> UpsertAsync(int id, string definitionJson, AudienceRule? rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var current = Get(connection, id, transaction);
            if (Refusal(connection, rule, id, current, transaction) is { } refused)
            {
                return refused;
            }

            if (current?.DefinitionJson == definitionJson)
            {
                return AudienceWrite.Of(AudienceWriteOutcome.Unchanged, existed: true);
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Upsert;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$json", definitionJson);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            CommitWithNewVersion(connection, transaction);
            return AudienceWrite.Of(AudienceWriteOutcome.Written, existed: current is not null);
        }));
    }

    /// <inheritdoc />
    public Task<AudienceWrite> DeleteAsync(int id, AudienceRule? rule, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var current = Get(connection, id, transaction);
            if (current is null)
            {
                // Nothing changes, so readers have nothing to recompile: the version stays.
                return AudienceWrite.Of(AudienceWriteOutcome.NotFound, existed: false);
            }

            if (Refusal(connection, rule, id, current, transaction) is { } refused)
            {
                return refused;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AudienceSchema.Delete;
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
            CommitWithNewVersion(connection, transaction);
            return AudienceWrite.Of(AudienceWriteOutcome.Written, existed: true);
        }));
    }

    /// <inheritdoc />
    public Task<EvaluatedAudiences?> GetEvaluatedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = AudienceSchema.SelectEvaluated;
            using var reader = command.ExecuteReader();
            return reader.Read() ? new EvaluatedAudiences(reader.GetInt64(0), reader.GetString(1)) : null;
        }));
    }

    /// <inheritdoc />
    public Task SetEvaluatedAsync(EvaluatedAudiences evaluated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        cancellationToken.ThrowIfCancellationRequested();
        _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = AudienceSchema.SetEvaluated;
            command.Parameters.AddWithValue("$version", evaluated.Version);
            command.Parameters.AddWithValue("$generation", evaluated.Generation);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    /// <summary>Closes the database and releases the directory.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static AudienceWrite? Refusal(SqliteConnection connection, AudienceRule? rule, int id, StoredAudience? current, SqliteTransaction transaction)
    {
        if (rule is null)
        {
            return null;
        }

        var problems = rule(current, [.. List(connection, transaction).Where(a => a.Id != id)]);
        return problems.Count > 0 ? new AudienceWrite(AudienceWriteOutcome.Refused, current is not null, problems) : null;
    }

    private static List<StoredAudience> List(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
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

    private static StoredAudience? Get(SqliteConnection connection, int id, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AudienceSchema.Get;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Moves the version in the same transaction as the change, so the two are durable together.</summary>
    private static void CommitWithNewVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = AudienceSchema.BumpVersion;
        bump.ExecuteScalar();
        transaction.Commit();
    }

    private static StoredAudience Read(SqliteDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
}
