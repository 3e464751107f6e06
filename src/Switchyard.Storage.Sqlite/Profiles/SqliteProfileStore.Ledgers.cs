using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>The last-sent ledger and the delivered event ids, per output.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> LastSentAsync(string outputId, long mpid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        return Completed(() => LastSent(outputId, mpid), cancellationToken);
    }

    private IReadOnlyDictionary<string, string> LastSent(string outputId, long mpid)
    {
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.SelectLastSent, ("$output", outputId), ("$mpid", mpid));
        using var reader = command.ExecuteReader();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            fields[reader.GetString(0)] = reader.GetString(1);
        }

        return fields;
    }

    /// <inheritdoc />
    public Task RecordSentAsync(string outputId, long mpid, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(fields);
        return Completed(() =>
        {
            if (fields.Count == 0)
            {
                return;
            }

            Write(transaction =>
            {
                foreach (var (field, value) in fields)
                {
                    using var command = value is null
                        ? Command(transaction, OutboxSchema.DeleteLastSent, ("$output", outputId), ("$mpid", mpid), ("$field", field))
                        : Command(transaction, OutboxSchema.UpsertLastSent, ("$output", outputId), ("$mpid", mpid), ("$field", field), ("$value", value), ("$acked", DBNull.Value));
                    command.ExecuteNonQuery();
                }
            });
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> WasDeliveredAsync(string outputId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventId);
        return Completed(() =>
        {
            using var connection = OpenReader();
            using var command = Command(connection, OutboxSchema.WasDelivered, ("$output", outputId), ("$event", eventId));
            return (long)command.ExecuteScalar()! != 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordDeliveredAsync(string outputId, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventIds);
        return Completed(() =>
        {
            if (eventIds.Count == 0)
            {
                return;
            }

            Write(transaction =>
            {
                using var command = Command(transaction, OutboxSchema.RecordDelivered, ("$output", outputId), ("$event", ""), ("$now", nowMs));
                foreach (var eventId in eventIds)
                {
                    command.Parameters["$event"].Value = eventId;
                    command.ExecuteNonQuery();
                }
            });
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PruneDeliveredBeforeAsync(long beforeMs, CancellationToken cancellationToken) => Completed(() => Write(transaction =>
    {
        using var command = Command(transaction, OutboxSchema.PruneDelivered, ("$before", beforeMs));
        return command.ExecuteNonQuery();
    }), cancellationToken);
}
