using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Delivery;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Dead letters: moved out of the outbox (and back on replay) by one statement each, so an item is never in both or neither.</summary>
public sealed partial class PostgresProfileStore
{
    private const string DeadLetterColumns = """
        id, output_id, mpid, payload, reason, attempts, dead_at_ms, batch_payload IS NOT NULL,
        batch_seq, batch_feed_id, batch_source_request_id, batch_received_at_ms, batch_payload
        """;

    /// <inheritdoc />
    public async Task DeadLetterAsync(long itemId, string reason, long nowMs, StoredBatch? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);

        // An item that carries its own batch (a replay) keeps it; any other takes the copy the deliverer passes, if any.
        await using var command = Command(
            """
            WITH moved AS (DELETE FROM outbox WHERE id = @id RETURNING *)
            INSERT INTO dead_letters (partition, output_id, mpid, payload, reason, attempts, created_at_ms, dead_at_ms, inbox_seq,
                                      batch_seq, batch_feed_id, batch_source_request_id, batch_received_at_ms, batch_payload)
            SELECT partition, output_id, mpid, payload, @reason, attempts, created_at_ms, @now, inbox_seq,
                   CASE WHEN batch_payload IS NULL THEN @bseq ELSE batch_seq END,
                   CASE WHEN batch_payload IS NULL THEN @bfeed ELSE batch_feed_id END,
                   CASE WHEN batch_payload IS NULL THEN @brid ELSE batch_source_request_id END,
                   CASE WHEN batch_payload IS NULL THEN @breceived ELSE batch_received_at_ms END,
                   coalesce(batch_payload, @bpayload)
            FROM moved
            """,
            cancellationToken,
            ("id", itemId),
            ("reason", reason),
            ("now", nowMs));
        command.Parameters.Add(Nullable("bseq", NpgsqlDbType.Bigint, batch?.Sequence));
        command.Parameters.Add(Nullable("bfeed", NpgsqlDbType.Text, batch?.FeedId));
        command.Parameters.Add(Nullable("brid", NpgsqlDbType.Text, batch?.SourceRequestId));
        command.Parameters.Add(Nullable("breceived", NpgsqlDbType.Bigint, batch?.ReceivedAt.ToUnixTimeMilliseconds()));
        command.Parameters.Add(Nullable("bpayload", NpgsqlDbType.Bytea, batch?.Payload));
        ThrowIfNoItem(await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), itemId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? outputId, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = outputId is null
            ? Command($"SELECT {DeadLetterColumns} FROM dead_letters WHERE id > @after ORDER BY id LIMIT @limit", cancellationToken, ("after", afterId), ("limit", limit))
            : Command(
                $"SELECT {DeadLetterColumns} FROM dead_letters WHERE output_id = @output AND id > @after ORDER BY id LIMIT @limit",
                cancellationToken,
                ("output", outputId),
                ("after", afterId),
                ("limit", limit));
        return await ReadAllAsync(command, ReadDeadLetter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ReplayAsync(long deadLetterId, long nowMs, CancellationToken cancellationToken)
    {
        // A new identity value puts the item after everything already queued, including that user's items.
        await using var command = Command(
            """
            WITH moved AS (DELETE FROM dead_letters WHERE id = @id RETURNING *)
            INSERT INTO outbox (partition, output_id, mpid, payload, attempts, next_attempt_at_ms, created_at_ms, inbox_seq,
                                batch_seq, batch_feed_id, batch_source_request_id, batch_received_at_ms, batch_payload)
            SELECT partition, output_id, mpid, payload, 0, @now, created_at_ms, inbox_seq,
                   batch_seq, batch_feed_id, batch_source_request_id, batch_received_at_ms, batch_payload
            FROM moved
            """,
            cancellationToken,
            ("id", deadLetterId),
            ("now", nowMs));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static DeadLetter ReadDeadLetter(NpgsqlDataReader row) =>
        new(row.GetInt64(0), row.GetString(1), row.GetInt64(2), row.GetString(3), row.GetString(4), row.GetInt32(5), row.GetInt64(6))
        {
            KeepsBatch = row.GetBoolean(7),
            Batch = ReadBatch(row, 8),
        };
}
