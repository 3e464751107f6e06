using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>The last-sent ledger and the delivered event ids, per output.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> LastSent(string outputId, long mpid)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
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
    public void RecordSent(string outputId, long mpid, IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(fields);
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
    }

    /// <inheritdoc />
    public bool WasDelivered(string outputId, string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventId);
        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.WasDelivered, ("$output", outputId), ("$event", eventId));
        return (long)command.ExecuteScalar()! != 0;
    }

    /// <inheritdoc />
    public void RecordDelivered(string outputId, IReadOnlyCollection<string> eventIds, long nowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventIds);
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
    }

    /// <inheritdoc />
    public int PruneDeliveredBefore(long beforeMs) => Write(transaction =>
    {
        using var command = Command(transaction, OutboxSchema.PruneDelivered, ("$before", beforeMs));
        return command.ExecuteNonQuery();
    });
}
