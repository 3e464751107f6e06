using Npgsql;
using Switchyard.Core.Delivery;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The outbox side of <see cref="IDeliveryStore"/>. Each call is its own statement or implicit transaction on a pooled
/// connection; PostgreSQL's row versions let it run beside open sessions and commits, never waiting for them except on
/// the same rows.
/// </summary>
public sealed partial class PostgresProfileStore : IDeliveryStore
{
    private const string ItemColumns = """
        o.id, o.output_id, o.mpid, o.payload, o.attempts, o.next_attempt_at_ms, o.created_at_ms, o.last_error,
        o.batch_seq, o.batch_feed_id, o.batch_source_request_id, o.batch_received_at_ms, o.batch_payload
        """;

    /// <inheritdoc />
    /// <remarks>
    /// The NOT EXISTS keeps per-user order: an item waits while an older item of its user at the output waits for a
    /// retry. Claiming locks nothing: on each node one engine delivers each output, and when several nodes share the
    /// database each claims only the partitions it holds (the <c>partition</c> column).
    /// </remarks>
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, CancellationToken cancellationToken) =>
        ClaimAsync(outputId, nowMs, limit, null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return ClaimAsync(outputId, nowMs, limit, [.. partitions], cancellationToken);
    }

    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(string outputId, long nowMs, int limit, int[]? partitions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (partitions is { Length: 0 })
        {
            return [];
        }

        await using var command = Command(
            $"""
            SELECT {ItemColumns} FROM outbox o
            WHERE o.output_id = @output AND o.next_attempt_at_ms <= @now
              {(partitions is null ? "" : "AND o.partition = ANY(@partitions)")}
              AND NOT EXISTS (
                  SELECT 1 FROM outbox b
                  WHERE b.output_id = o.output_id AND b.mpid = o.mpid AND b.id < o.id AND b.next_attempt_at_ms > @now)
            ORDER BY o.id LIMIT @limit
            """,
            cancellationToken,
            ("output", outputId),
            ("now", nowMs),
            ("limit", limit));
        if (partitions is not null)
        {
            command.Parameters.AddWithValue("partitions", partitions);
        }

        return await ReadAllAsync(command, ReadItem, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AcknowledgeAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        await using var command = Command("DELETE FROM outbox WHERE id = ANY(@ids)", cancellationToken, ("ids", itemIds.ToArray()));
        if (itemIds.Count > 0)
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task RescheduleAsync(long itemId, long nextAttemptAtMs, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var command = Command(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at_ms = @next, last_error = @error WHERE id = @id",
            cancellationToken,
            ("next", nextAttemptAtMs),
            ("error", error),
            ("id", itemId));
        ThrowIfNoItem(await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), itemId);
    }

    /// <inheritdoc />
    /// <remarks>One statement, so one snapshot: a processing commit is either all seen (its items and cursors) or not at all.</remarks>
    public async Task<long> LowestInboxSequenceNeededAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT least(
                coalesce((SELECT min(sequence) FROM partition_cursors), 0) + 1,
                coalesce((SELECT min(inbox_seq) FROM outbox WHERE batch_payload IS NULL), 9223372036854775807))::bigint
            """,
            cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<long> CountQueuedAsync(string outputId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command("SELECT count(*) FROM outbox WHERE output_id = @output", cancellationToken, ("output", outputId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<long?> OldestQueuedAtMsAsync(string outputId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command(
            "SELECT created_at_ms FROM outbox WHERE output_id = @output ORDER BY id LIMIT 1", cancellationToken, ("output", outputId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long createdAtMs ? createdAtMs : null;
    }

    private static OutboxItem ReadItem(NpgsqlDataReader row) =>
        new(row.GetInt64(0), row.GetString(1), row.GetInt64(2), row.GetString(3), row.GetInt32(4), row.GetInt64(5), row.GetInt64(6), row.IsDBNull(7) ? null : row.GetString(7))
        {
            Batch = ReadBatch(row, 8),
        };

    /// <summary>The batch copy stored in five columns from <paramref name="first"/> on, or null when there is none.</summary>
    private static StoredBatch? ReadBatch(NpgsqlDataReader row, int first) =>
        row.IsDBNull(first + 4)
            ? null
            : new StoredBatch(
                row.GetInt64(first),
                row.GetString(first + 1),
                row.IsDBNull(first + 2) ? null : row.GetString(first + 2),
                DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(first + 3)),
                row.GetFieldValue<byte[]>(first + 4));

    private static void ThrowIfNoItem(int changed, long itemId)
    {
        if (changed == 0)
        {
            throw new InvalidOperationException($"No outbox item has id {itemId}; it was already acknowledged or dead-lettered.");
        }
    }
}
