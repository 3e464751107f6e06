using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>The ledgers read and written for a whole delivery pass at once, so a pass costs a few round trips, not one per item.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(mpids);
        return Completed(() => LastSent(outputId, mpids), cancellationToken);
    }

    private IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>> LastSent(string outputId, IReadOnlyCollection<long> mpids)
    {
        var ledgers = new Dictionary<long, Dictionary<string, string>>(mpids.Count);
        foreach (var mpid in mpids)
        {
            ledgers.TryAdd(mpid, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        if (ledgers.Count > 0)
        {
            using var connection = OpenReader();
            using var command = Command(connection, OutboxSchema.SelectLastSentOfUsers, ("$output", outputId), ("$mpids", JsonArray(mpids)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ledgers[reader.GetInt64(0)][reader.GetString(1)] = reader.GetString(2);
            }
        }

        return ledgers.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, string>)l.Value);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, AgedLedger>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, long freshSinceMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(mpids);
        return Completed(() => LastSent(outputId, mpids, freshSinceMs), cancellationToken);
    }

    private IReadOnlyDictionary<long, AgedLedger> LastSent(string outputId, IReadOnlyCollection<long> mpids, long freshSinceMs)
    {
        var fields = new Dictionary<long, (Dictionary<string, string> Fields, HashSet<string> Stale)>(mpids.Count);
        foreach (var mpid in mpids)
        {
            fields.TryAdd(mpid, (new Dictionary<string, string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)));
        }

        if (fields.Count > 0)
        {
            using var connection = OpenReader();
            using var command = Command(connection, OutboxSchema.SelectAgedLastSentOfUsers, ("$output", outputId), ("$mpids", JsonArray(mpids)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (userFields, stale) = fields[reader.GetInt64(0)];
                var field = reader.GetString(1);
                userFields[field] = reader.GetString(2);
                if (reader.IsDBNull(3) || reader.GetInt64(3) < freshSinceMs)
                {
                    stale.Add(field);
                }
            }
        }

        return fields.ToDictionary(l => l.Key, l => new AgedLedger(l.Value.Fields, l.Value.Stale));
    }

    /// <inheritdoc />
    public Task ExpireLedgerFieldsAsync(string outputId, long mpid, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
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
                using var expire = Command(transaction, OutboxSchema.ExpireLastSent, ("$output", outputId), ("$mpid", mpid), ("$field", ""));
                foreach (var field in fields)
                {
                    expire.Parameters["$field"].Value = field;
                    expire.ExecuteNonQuery();
                }
            });
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> DeliveredAmongAsync(string outputId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventIds);
        return Completed(() => DeliveredAmong(outputId, eventIds), cancellationToken);
    }

    private IReadOnlySet<string> DeliveredAmong(string outputId, IReadOnlyCollection<string> eventIds)
    {
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        if (eventIds.Count == 0)
        {
            return delivered;
        }

        using var connection = OpenReader();
        using var command = Command(connection, OutboxSchema.SelectDeliveredAmong, ("$output", outputId), ("$events", JsonArray(eventIds)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            delivered.Add(reader.GetString(0));
        }

        return delivered;
    }

    /// <inheritdoc />
    public Task RecordLedgersAsync(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(eventIds);
        return Completed(() => RecordLedgers(outputId, sent, eventIds, nowMs), cancellationToken);
    }

    private void RecordLedgers(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, IReadOnlyCollection<string> eventIds, long nowMs)
    {
        if (eventIds.Count == 0 && sent.Values.All(fields => fields.Count == 0))
        {
            return;
        }

        Write(transaction =>
        {
            using var upsert = Command(transaction, OutboxSchema.UpsertLastSent, ("$output", outputId), ("$mpid", 0L), ("$field", ""), ("$value", ""), ("$acked", nowMs));
            using var delete = Command(transaction, OutboxSchema.DeleteLastSent, ("$output", outputId), ("$mpid", 0L), ("$field", ""));
            foreach (var (mpid, fields) in sent)
            {
                foreach (var (field, value) in fields)
                {
                    var command = value is null ? delete : upsert;
                    command.Parameters["$mpid"].Value = mpid;
                    command.Parameters["$field"].Value = field;
                    if (value is not null)
                    {
                        command.Parameters["$value"].Value = value;
                    }

                    command.ExecuteNonQuery();
                }
            }

            using var record = Command(transaction, OutboxSchema.RecordDelivered, ("$output", outputId), ("$event", ""), ("$now", nowMs));
            foreach (var eventId in eventIds)
            {
                record.Parameters["$event"].Value = eventId;
                record.ExecuteNonQuery();
            }
        });
    }

    private static string JsonArray(IReadOnlyCollection<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
