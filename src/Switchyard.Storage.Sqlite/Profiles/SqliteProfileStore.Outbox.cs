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
/// <remarks>
/// Microsoft.Data.Sqlite has no real asynchronous I/O, so each method does its work synchronously on the caller's
/// thread and returns a completed task; the token is checked before the work starts. Because a write waits for
/// SQLite's single write lock, a thread that holds a session open and then writes here waits for itself until the busy
/// timeout and fails (the contract's "must not await a write while holding a session").
/// </remarks>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Completed(() => ClaimDue(outputId, nowMs, limit, null), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The outbox keeps no partition column here (one node delivers every partition); the claim computes each user's
    /// partition with a function registered on the reading connection.
    /// </remarks>
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string outputId, long nowMs, int limit, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentNullException.ThrowIfNull(partitions);
        return Completed(() => ClaimDue(outputId, nowMs, limit, [.. partitions]), cancellationToken);
    }

    private IReadOnlyList<OutboxItem> ClaimDue(string outputId, long nowMs, int limit, HashSet<int>? partitions)
    {
        if (partitions is { Count: 0 })
        {
            return [];
        }

        using var connection = OpenReader();
        if (partitions is not null)
        {
            var count = PartitionCount;
            connection.CreateFunction("switchyard_held", (long mpid) => partitions.Contains(Core.Partitions.UserPartitions.OfMpid(mpid, count)), isDeterministic: true);
        }

        using var command = Command(
            connection,
            partitions is null ? OutboxSchema.ClaimDue : OutboxSchema.ClaimDueHeld,
            ("$output", outputId),
            ("$now", nowMs),
            ("$limit", limit));
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
    public Task AcknowledgeAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return Completed(() =>
        {
            if (itemIds.Count > 0)
            {
                Write(transaction =>
                {
                    using var command = Command(transaction, OutboxSchema.Acknowledge, ("$ids", JsonArray(itemIds)));
                    command.ExecuteNonQuery();
                });
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RescheduleAsync(long itemId, long nextAttemptAtMs, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Completed(() => Write(transaction =>
        {
            using var command = Command(transaction, OutboxSchema.Reschedule, ("$next", nextAttemptAtMs), ("$error", error), ("$id", itemId));
            ThrowIfNoItem(command.ExecuteNonQuery(), itemId);
        }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LowestInboxSequenceNeededAsync(CancellationToken cancellationToken) => Completed(() =>
    {
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.LowestInboxSequenceNeeded);
        return (long)command.ExecuteScalar()!;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountQueuedAsync(string outputId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        return Completed(() =>
        {
            using var connection = OpenReader();
            using var command = Command(connection, OutboxSchema.CountQueued, ("$output", outputId));
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> OldestQueuedAtMsAsync(string outputId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        return Completed(() =>
        {
            using var connection = OpenReader();
            // Ids grow in commit order, so the first item in outbox_in_order is the one waiting longest.
            using var command = Command(connection, "SELECT created_at_ms FROM outbox INDEXED BY outbox_in_order WHERE output_id = $output ORDER BY id LIMIT 1;", ("$output", outputId));
            return command.ExecuteScalar() is long createdAtMs ? createdAtMs : (long?)null;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> now, on the caller's thread (the driver has no asynchronous I/O), unless the token is
    /// already cancelled; its result or exception comes back in the task, as from a truly asynchronous call.
    /// </summary>
    private static Task<T> Completed<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static Task Completed(Action work, CancellationToken cancellationToken) => Completed(() =>
    {
        work();
        return true;
    }, cancellationToken);

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
