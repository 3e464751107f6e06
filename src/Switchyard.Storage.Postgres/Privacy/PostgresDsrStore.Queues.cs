using Npgsql;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Postgres.Privacy;

/// <summary>The status callbacks and Braze deletions waiting to be sent, and how their outcomes are recorded.</summary>
public sealed partial class PostgresDsrStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<DsrCallback>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.DueCallbacks);
        command.Parameters.Add(Time("now", now));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<DsrCallback>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DsrCallback(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return due;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A retry is recorded only while the callback is still due by this store's clock: of two nodes that posted the same
    /// callback and both failed, the first moves it on and the second changes nothing, so the attempt counts once.
    /// </remarks>
    public async Task SettleCallbackAsync(long id, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(retryAt is null ? DsrTables.RemoveCallback : DsrTables.RetryCallback, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        if (retryAt is { } at)
        {
            command.Parameters.Add(Time("at", at));
            command.Parameters.Add(NullableText("error", error));
            command.Parameters.Add(Time("now", Now()));
        }

        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DsrDeletion>> DueDeletionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.DueDeletions);
        command.Parameters.Add(Time("now", now));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadDeletionsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DsrDeletion>> DeletionsOfAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        await using var command = _database.Source.CreateCommand(DsrTables.DeletionsOf);
        command.Parameters.Add(Text("request", requestId));
        return await ReadDeletionsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>sent</c> and <c>dead</c> are final: a deletion settled once is not settled again, so when two nodes sent the
    /// same deletion the first outcome stands. Queued again, it takes the retry only while it is still due by this store's
    /// clock (as <see cref="SettleCallbackAsync"/> does).
    /// </remarks>
    public async Task SettleDeletionAsync(long id, string state, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(DsrTables.SettleDeletion, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        command.Parameters.Add(Text("state", state));
        command.Parameters.Add(NullableText("error", error));
        command.Parameters.Add(NullableTime("at", retryAt));
        command.Parameters.Add(Time("now", Now()));
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DsrDeletion>> ReadDeletionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deletions = new List<DsrDeletion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deletions.Add(new DsrDeletion(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return deletions;
    }
}
