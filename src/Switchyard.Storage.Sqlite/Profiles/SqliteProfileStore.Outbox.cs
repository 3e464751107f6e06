using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Delivery;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// The outbox side of <see cref="IDeliveryStore"/>. Each call runs on a pooled connection of its own, never on the
/// session's writer: reads see committed data beside an open session (WAL), and writes take SQLite's write lock with
/// <c>BEGIN IMMEDIATE</c>, waiting (busy timeout, 30 s) while a session holds it. They are a few statements each, so
/// the processor waits no longer for them than they wait for it.
/// </summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public IReadOnlyList<OutboxItem> ClaimDue(string outputId, long nowMs, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.ClaimDue, ("$output", outputId), ("$now", nowMs), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var items = new List<OutboxItem>();
        while (reader.Read())
        {
            items.Add(new OutboxItem(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7))
            {
                Batch = reader.IsDBNull(12) ? null : new StoredBatch(
                    reader.GetInt64(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)), (byte[])reader.GetValue(12)),
            });
        }

        return items;
    }

    /// <inheritdoc />
    public void Acknowledge(IReadOnlyCollection<long> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return;
        }

        Write(transaction =>
        {
            using var command = Command(transaction, OutboxSchema.Acknowledge, ("$ids", JsonArray(itemIds)));
            command.ExecuteNonQuery();
        });
    }

    /// <inheritdoc />
    public void Reschedule(long itemId, long nextAttemptAtMs, string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Write(transaction =>
        {
            using var command = Command(transaction, OutboxSchema.Reschedule, ("$next", nextAttemptAtMs), ("$error", error), ("$id", itemId));
            ThrowIfNoItem(command.ExecuteNonQuery(), itemId);
        });
    }

    /// <inheritdoc />
    public long LowestInboxSequenceNeeded()
    {
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.LowestInboxSequenceNeeded);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public long CountQueued(string outputId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.CountQueued, ("$output", outputId));
        return (long)command.ExecuteScalar()!;
    }

    private static void ThrowIfNoItem(int changed, long itemId)
    {
        if (changed == 0)
        {
            throw new InvalidOperationException($"No outbox item has id {itemId}; it was already acknowledged or dead-lettered.");
        }
    }

    /// <summary>One short write transaction on its own connection (<c>BEGIN IMMEDIATE</c>: it never upgrades a read lock half way).</summary>
    private T Write<T>(Func<SqliteTransaction, T> work)
    {
        using var connection = OpenReader();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    private void Write(Action<SqliteTransaction> work) => Write(transaction =>
    {
        work(transaction);
        return 0;
    });

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = Command(transaction.Connection!, sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    // json_each turns one JSON array parameter into the IN list, so the statement text stays the same whatever the count.
    private static string JsonArray(IReadOnlyCollection<long> values)
    {
        var text = new StringBuilder("[");
        foreach (var value in values)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
