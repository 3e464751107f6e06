using Npgsql;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Postgres.Privacy;

/// <summary>
/// <see cref="IDsrStore"/> in PostgreSQL, shared by every node on the database. Each change of a request is one
/// transaction with the callbacks and deletions it causes, and every guarded change (a step from an expected stage, a
/// cancellation, a settlement) is decided by its <c>UPDATE</c>'s own <c>WHERE</c> clause and row count: when two nodes
/// take the same step or settle the same callback or deletion, PostgreSQL makes the second wait for the first and then
/// finds its condition no longer holds, so exactly one of them writes.
/// </summary>
/// <remarks>
/// Thread-safe: every call takes a pooled connection of its own. A request's subject is cleared when the request ends;
/// the old row version stays in the table's storage until vacuum reclaims it, as with any PostgreSQL update.
/// </remarks>
public sealed partial class PostgresDsrStore : IDsrStore, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;
    private int _disposed;

    private PostgresDsrStore(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Connects to the database and creates or updates the request tables (component <c>dsr</c>).</summary>
    /// <param name="options">The provider's settings.</param>
    /// <param name="time">The clock that dates queued callbacks and deletions and decides whether one is still due.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<PostgresDsrStore> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(DsrTables.Component, DsrTables.Migrations, cancellationToken).ConfigureAwait(false);
            return new PostgresDsrStore(database, time);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> InsertAsync(DsrRecord request, IReadOnlyList<string> callbackBodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(callbackBodies);
        await using var connection = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(DsrTables.Insert, connection))
        {
            Bind(insert.Parameters, request);
            if (await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await QueueCallbacksAsync(connection, request.Id, callbackBodies).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<DsrRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.Find);
        command.Parameters.Add(Text("id", id));
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DsrRecord>> ListAsync(string? groupId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();

        // A statement of its own for one group keeps the seek on the group index.
        await using var command = _database.Source.CreateCommand(groupId is null ? DsrTables.List : DsrTables.ListGroup);
        command.Parameters.Add(Text("after", afterId ?? ""));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        if (groupId is not null)
        {
            command.Parameters.Add(Text("group", groupId));
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DsrRecord>> ActiveAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.Active);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AdvanceAsync(
        string expectedStage,
        DsrRecord updated,
        IReadOnlyList<string> callbackBodies,
        IReadOnlyList<DsrDeletion> deletions,
        string? result,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedStage);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(callbackBodies);
        ArgumentNullException.ThrowIfNull(deletions);
        await using var connection = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var update = new NpgsqlCommand(DsrTables.Advance, connection))
        {
            Bind(update.Parameters, updated);
            update.Parameters.Add(Text("expected_stage", expectedStage));
            update.Parameters.Add(NullableText("result", result));
            if (await update.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await QueueCallbacksAsync(connection, updated.Id, callbackBodies).ConfigureAwait(false);
        if (deletions.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection);
            var now = Now();
            foreach (var deletion in deletions)
            {
                var insert = new NpgsqlBatchCommand(DsrTables.QueueDeletion);
                insert.Parameters.Add(Text("request", updated.Id));
                insert.Parameters.Add(Text("output", deletion.OutputId));
                insert.Parameters.Add(Text("kind", deletion.IdKind));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. deletion.Ids]));
                insert.Parameters.Add(Time("now", now));
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> CancelAsync(string id, DateTimeOffset now, Func<DsrRecord, string> callbackBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(callbackBody);
        await using var connection = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        DsrRecord cancelled;
        await using (var update = new NpgsqlCommand(DsrTables.Cancel, connection))
        {
            update.Parameters.Add(Text("id", id));
            update.Parameters.Add(Time("now", now));
            var rows = await ReadAllAsync(update, CancellationToken.None).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return false;
            }

            cancelled = rows[0];
        }

        // A body that throws leaves with the transaction uncommitted: the request stays pending.
        if (cancelled.CallbackUrls.Count > 0)
        {
            await QueueCallbacksAsync(connection, id, [callbackBody(cancelled)]).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<string?> ResultAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.Result);
        command.Parameters.Add(Text("id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>Closes the store's connections; calls after this fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A connection for a write, once the token has been checked: up to here giving up changes nothing, and from here
    /// the write runs to its end whatever the token says, so a finished task means a finished write.
    /// </summary>
    private async Task<NpgsqlConnection> OpenWriteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return await _database.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task QueueCallbacksAsync(NpgsqlConnection connection, string requestId, IReadOnlyList<string> bodies)
    {
        if (bodies.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(DsrTables.QueueCallbacks, connection);
        insert.Parameters.Add(Text("request", requestId));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("bodies", [.. bodies]));
        insert.Parameters.Add(Time("now", Now()));
        await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private DateTimeOffset Now() => _time.GetUtcNow();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
