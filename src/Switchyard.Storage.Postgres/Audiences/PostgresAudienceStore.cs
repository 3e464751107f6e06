using System.Data;
using Npgsql;
using Switchyard.Core.Audiences;

namespace Switchyard.Storage.Postgres.Audiences;

/// <summary>
/// Audience definitions in PostgreSQL, shared by every node on the database. The JSON is stored as given; validating it
/// is the caller's job. A write (and the <see cref="AudienceRule"/> it carries) runs in one transaction that first locks
/// the version row (<see cref="AudienceSchema.LockVersion"/>), so writes from all nodes take turns and a rule that spans
/// definitions is checked against every write committed before it. Reads take no lock and see the last commit.
/// </summary>
/// <remarks>Thread-safe: every call takes a pooled connection of its own.</remarks>
public sealed class PostgresAudienceStore : IAudienceStore, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;

    private PostgresAudienceStore(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Connects to the database and brings the audience tables up to date, creating them when needed.</summary>
    public static async Task<PostgresAudienceStore> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(AudienceSchema.Component, AudienceSchema.Migrations, cancellationToken).ConfigureAwait(false);
            return new PostgresAudienceStore(database, time);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(AudienceSchema.SelectVersion);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAudience>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(AudienceSchema.List);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredAudience?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(AudienceSchema.Get);
        command.Parameters.Add(new NpgsqlParameter<int>("id", id));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<AudienceWrite> UpsertAsync(int id, string definitionJson, AudienceRule? rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var (current, others) = await LockAndReadAsync(connection, id, rule is not null, cancellationToken).ConfigureAwait(false);
        if (Refusal(rule, current, others) is { } refused)
        {
            return refused;
        }

        if (current?.DefinitionJson == definitionJson)
        {
            return AudienceWrite.Of(AudienceWriteOutcome.Unchanged, existed: true);
        }

        await using (var upsert = new NpgsqlCommand(AudienceSchema.Upsert, connection))
        {
            upsert.Parameters.Add(new NpgsqlParameter<int>("id", id));
            upsert.Parameters.Add(new NpgsqlParameter<string>("json", definitionJson));
            upsert.Parameters.Add(new NpgsqlParameter<long>("now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await CommitWithNewVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return AudienceWrite.Of(AudienceWriteOutcome.Written, existed: current is not null);
    }

    /// <inheritdoc />
    public async Task<AudienceWrite> DeleteAsync(int id, AudienceRule? rule, CancellationToken cancellationToken)
    {
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var (current, others) = await LockAndReadAsync(connection, id, rule is not null, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            // Nothing changes, so readers have nothing to recompile: the version stays.
            return AudienceWrite.Of(AudienceWriteOutcome.NotFound, existed: false);
        }

        if (Refusal(rule, current, others) is { } refused)
        {
            return refused;
        }

        await using (var delete = new NpgsqlCommand(AudienceSchema.Delete, connection))
        {
            delete.Parameters.Add(new NpgsqlParameter<int>("id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await CommitWithNewVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return AudienceWrite.Of(AudienceWriteOutcome.Written, existed: true);
    }

    /// <inheritdoc />
    public async Task<EvaluatedAudiences?> GetEvaluatedAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Source.CreateCommand(AudienceSchema.SelectEvaluated);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new EvaluatedAudiences(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    /// <inheritdoc />
    public async Task SetEvaluatedAsync(EvaluatedAudiences evaluated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        await using var command = _database.Source.CreateCommand(AudienceSchema.SetEvaluated);
        command.Parameters.Add(new NpgsqlParameter<long>("version", evaluated.Version));
        command.Parameters.Add(new NpgsqlParameter<string>("generation", evaluated.Generation));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the store's connections; calls after this fail with <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// READ COMMITTED, named here rather than left to a default (the database's or the driver's): the turn
    /// (<see cref="AudienceSchema.LockVersion"/>) works because each statement after it takes a fresh snapshot. Under a
    /// stricter level the snapshot would predate the wait, and the lock would fail as a serialization error instead.
    /// </summary>
    private static async Task<NpgsqlTransaction> BeginWriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits for this write's turn (<see cref="AudienceSchema.LockVersion"/>), then reads the definition with the id and,
    /// when a rule will need them, all the others.
    /// </summary>
    private static async Task<(StoredAudience? Current, List<StoredAudience> Others)> LockAndReadAsync(
        NpgsqlConnection connection, int id, bool withOthers, CancellationToken cancellationToken)
    {
        await using (var turn = new NpgsqlCommand(AudienceSchema.LockVersion, connection))
        {
            await turn.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        if (withOthers)
        {
            await using var list = new NpgsqlCommand(AudienceSchema.List, connection);
            var all = await ReadAsync(list, cancellationToken).ConfigureAwait(false);
            return (all.Find(a => a.Id == id), all.FindAll(a => a.Id != id));
        }

        await using var get = new NpgsqlCommand(AudienceSchema.Get, connection);
        get.Parameters.Add(new NpgsqlParameter<int>("id", id));
        return ((await ReadAsync(get, cancellationToken).ConfigureAwait(false)).SingleOrDefault(), []);
    }

    private static AudienceWrite? Refusal(AudienceRule? rule, StoredAudience? current, List<StoredAudience> others)
    {
        if (rule is null)
        {
            return null;
        }

        var problems = rule(current, others);
        return problems.Count > 0 ? new AudienceWrite(AudienceWriteOutcome.Refused, current is not null, problems) : null;
    }

    /// <summary>
    /// Moves the version in the same transaction as the change, so readers never see one without the other. Cancellation
    /// can stop a write up to its commit, but not the commit itself: a commit abandoned half-way would leave the caller
    /// not knowing whether the write happened.
    /// </summary>
    private static async Task CommitWithNewVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var bump = new NpgsqlCommand(AudienceSchema.BumpVersion, connection))
        {
            if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException("The audience_version row is missing: the audience tables were changed outside Switchyard.");
            }
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<List<StoredAudience>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var audiences = new List<StoredAudience>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            audiences.Add(new StoredAudience(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return audiences;
    }
}
