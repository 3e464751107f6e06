using Switchyard.Core.Delivery;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Dead letters: moved out of the outbox (and back on replay) in one transaction each, so an item is never in both or neither.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task DeadLetterAsync(long itemId, string reason, long nowMs, StoredBatch? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Completed(() => Write(transaction =>
        {
            using var move = Command(
                transaction,
                OutboxSchema.MoveToDeadLetters,
                ("$reason", reason),
                ("$now", nowMs),
                ("$id", itemId),
                ("$bseq", (object?)batch?.Sequence ?? DBNull.Value),
                ("$bfeed", (object?)batch?.FeedId ?? DBNull.Value),
                ("$brid", (object?)batch?.SourceRequestId ?? DBNull.Value),
                ("$breceived", (object?)batch?.ReceivedAt.ToUnixTimeMilliseconds() ?? DBNull.Value),
                ("$bpayload", (object?)batch?.Payload ?? DBNull.Value));
            ThrowIfNoItem(move.ExecuteNonQuery(), itemId);
            using var delete = Command(transaction, OutboxSchema.DeleteItem, ("$id", itemId));
            delete.ExecuteNonQuery();
        }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? outputId, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Completed(() => DeadLetters(outputId, afterId, limit), cancellationToken);
    }

    private IReadOnlyList<DeadLetter> DeadLetters(string? outputId, long afterId, int limit)
    {
        using var connection = OpenReader();
        using var command = outputId is null
            ? Command(connection, OutboxSchema.DeadLettersOfAll, ("$after", afterId), ("$limit", limit))
            : Command(connection, OutboxSchema.DeadLettersOfOutput, ("$output", outputId), ("$after", afterId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var letters = new List<DeadLetter>();
        while (reader.Read())
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt64(6))
            {
                KeepsBatch = reader.GetBoolean(7),
                Batch = reader.IsDBNull(12) ? null : new StoredBatch(
                    reader.GetInt64(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)), (byte[])reader.GetValue(12)),
            });
        }

        return letters;
    }

    /// <inheritdoc />
    public Task<bool> ReplayAsync(long deadLetterId, long nowMs, CancellationToken cancellationToken) => Completed(() => Write(transaction =>
    {
        // A new AUTOINCREMENT id puts the item after everything already queued, including that user's items.
        using var insert = Command(transaction, OutboxSchema.ReplayDeadLetter, ("$now", nowMs), ("$id", deadLetterId));
        if (insert.ExecuteNonQuery() == 0)
        {
            return false;
        }

        using var delete = Command(transaction, OutboxSchema.DeleteDeadLetter, ("$id", deadLetterId));
        delete.ExecuteNonQuery();
        return true;
    }), cancellationToken);
}
