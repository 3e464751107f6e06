using System.Text.Json;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Sqlite.Privacy;

/// <summary>The status callbacks and Braze deletions waiting to be sent.</summary>
public sealed partial class SqliteDsrStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<DsrCallback>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => Locked<IReadOnlyList<DsrCallback>>(() =>
    {
        using var command = Command(
            null,
            "SELECT id, request_id, url, body, attempts FROM dsr_callbacks WHERE next_attempt_ms <= $now ORDER BY id LIMIT $limit;",
            ("$now", now.ToUnixTimeMilliseconds()),
            ("$limit", limit));
        using var reader = command.ExecuteReader();
        var due = new List<DsrCallback>();
        while (reader.Read())
        {
            due.Add(new DsrCallback(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return due;
    }, cancellationToken);

    /// <inheritdoc />
    public Task SettleCallbackAsync(long id, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken) => Locked(() =>
    {
        using var command = retryAt is { } at
            ? Command(null, "UPDATE dsr_callbacks SET attempts = attempts + 1, next_attempt_ms = $at WHERE id = $id;", ("$id", id), ("$at", at.ToUnixTimeMilliseconds()))
            : Command(null, "DELETE FROM dsr_callbacks WHERE id = $id;", ("$id", id));
        command.ExecuteNonQuery();
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DsrDeletion>> DueDeletionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => Locked<IReadOnlyList<DsrDeletion>>(() =>
    {
        using var command = Command(
            null,
            $"SELECT {DsrSchema.DeletionColumns} FROM dsr_deletions WHERE state = 'queued' AND next_attempt_ms <= $now ORDER BY id LIMIT $limit;",
            ("$now", now.ToUnixTimeMilliseconds()),
            ("$limit", limit));
        return ReadDeletions(command);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DsrDeletion>> DeletionsOfAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return Locked<IReadOnlyList<DsrDeletion>>(() =>
        {
            using var command = Command(null, $"SELECT {DsrSchema.DeletionColumns} FROM dsr_deletions WHERE request_id = $request ORDER BY id;", ("$request", requestId));
            return ReadDeletions(command);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SettleDeletionAsync(long id, string state, DateTimeOffset? retryAt, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Locked(() =>
        {
            // A sent deletion forgets its ids: they name the person, and Braze has them no more.
            using var command = Command(
                null,
                """
                UPDATE dsr_deletions SET state = $state, attempts = attempts + 1, last_error = $error,
                    next_attempt_ms = COALESCE($at, next_attempt_ms), ids = CASE WHEN $state = 'sent' THEN '[]' ELSE ids END
                WHERE id = $id;
                """,
                ("$id", id),
                ("$state", state),
                ("$error", (object?)error ?? DBNull.Value),
                ("$at", retryAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value));
            command.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static List<DsrDeletion> ReadDeletions(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var deletions = new List<DsrDeletion>();
        while (reader.Read())
        {
            deletions.Add(new DsrDeletion(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                JsonSerializer.Deserialize(reader.GetString(4), DsrStoreJsonContext.Default.IReadOnlyListString) ?? [],
                reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return deletions;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class DsrStoreJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
