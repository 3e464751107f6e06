using Npgsql;
using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>The last-sent ledger and the delivered event ids, per output; each write is one implicit transaction.</summary>
public sealed partial class PostgresProfileStore
{
    // The table is partitioned by time, so its key includes the time: an id delivered again later gets a row of its own
    // in a later partition, and pruning the older partition does not forget an event that was just sent again.
    private const string RecordDeliveredSql = """
        INSERT INTO delivered_events (output_id, event_id, delivered_at_ms)
        SELECT @output, e, @now FROM unnest(@events) AS e
        ON CONFLICT DO NOTHING
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> LastSentAsync(string outputId, long mpid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command(
            "SELECT field, value FROM last_sent WHERE output_id = @output AND mpid = @mpid", cancellationToken, ("output", outputId), ("mpid", mpid));
        var rows = await ReadAllAsync(command, r => (Field: r.GetString(0), Value: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Field, r => r.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mpids);
        var aged = await LastSentAsync(outputId, mpids, long.MinValue, cancellationToken).ConfigureAwait(false);
        return aged.ToDictionary(l => l.Key, l => l.Value.Fields);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, AgedLedger>> LastSentAsync(string outputId, IReadOnlyCollection<long> mpids, long freshSinceMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(mpids);
        var ledgers = new Dictionary<long, (Dictionary<string, string> Fields, HashSet<string> Stale)>(mpids.Count);
        foreach (var mpid in mpids)
        {
            ledgers.TryAdd(mpid, (new Dictionary<string, string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)));
        }

        await using var command = Command(
            "SELECT mpid, field, value, acked_at_ms FROM last_sent WHERE output_id = @output AND mpid = ANY(@mpids)",
            cancellationToken,
            ("output", outputId),
            ("mpids", ledgers.Keys.ToArray()));
        if (ledgers.Count > 0)
        {
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (fields, stale) = ledgers[rows.GetInt64(0)];
                var field = rows.GetString(1);
                fields[field] = rows.GetString(2);

                // An entry without an acknowledgement time (RecordSentAsync) counts as stale.
                if (rows.IsDBNull(3) || rows.GetInt64(3) < freshSinceMs)
                {
                    stale.Add(field);
                }
            }
        }

        return ledgers.ToDictionary(l => l.Key, l => new AgedLedger(l.Value.Fields, l.Value.Stale));
    }

    /// <inheritdoc />
    public async Task RecordSentAsync(string outputId, long mpid, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(fields);
        cancellationToken.ThrowIfCancellationRequested();
        if (fields.Count > 0)
        {
            await using var batch = await RunBatchAsync(LedgerCommands(outputId, new Dictionary<long, IReadOnlyDictionary<string, string?>> { [mpid] = fields }, null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> WasDeliveredAsync(string outputId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventId);
        await using var command = Command(
            "SELECT EXISTS (SELECT 1 FROM delivered_events WHERE output_id = @output AND event_id = @event)",
            cancellationToken,
            ("output", outputId),
            ("event", eventId));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task RecordDeliveredAsync(string outputId, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventIds);

        await using var command = Command(RecordDeliveredSql, cancellationToken, ("output", outputId), ("events", eventIds.Distinct(StringComparer.Ordinal).ToArray()), ("now", nowMs));
        if (eventIds.Count > 0)
        {
            await DeliveredEvents.WriteAsync([nowMs], () => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task ExpireLedgerFieldsAsync(string outputId, long mpid, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(fields);
        await using var command = Command(
            "UPDATE last_sent SET acked_at_ms = NULL WHERE output_id = @output AND mpid = @mpid AND field = ANY(@fields)",
            cancellationToken,
            ("output", outputId),
            ("mpid", mpid),
            ("fields", fields.ToArray()));
        if (fields.Count > 0)
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DeliveredAmongAsync(string outputId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(eventIds);
        await using var command = Command(
            "SELECT event_id FROM delivered_events WHERE output_id = @output AND event_id = ANY(@events)",
            cancellationToken,
            ("output", outputId),
            ("events", eventIds.ToArray()));
        if (eventIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var found = await ReadAllAsync(command, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task RecordLedgersAsync(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, IReadOnlyCollection<string> eventIds, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (eventIds.Count == 0)
        {
            var ledgers = LedgerCommands(outputId, sent, nowMs);
            if (ledgers.Count > 0)
            {
                await using var batch = await RunBatchAsync(ledgers, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // The commands are made anew for a second attempt (TimePartitions.WriteAsync): a batch command belongs to one batch.
        var events = eventIds.Distinct(StringComparer.Ordinal).ToArray();
        await DeliveredEvents.WriteAsync(
            [nowMs],
            async () =>
            {
                var commands = LedgerCommands(outputId, sent, nowMs);
                commands.Add(BatchCommand(RecordDeliveredSql, ("output", outputId), ("events", events), ("now", nowMs)));
                await using var batch = await RunBatchAsync(commands, cancellationToken).ConfigureAwait(false);
                return batch.BatchCommands.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Drops whole time partitions (<see cref="TimePartitions"/>, <see cref="LogPartitionOptions.DeliveredEventsSpan"/>)
    /// that end at or before <paramref name="beforeMs"/>, each in a transaction of its own; a partition whose range
    /// reaches the cutoff stays whole, however old most of its rows are. The count includes the older rows of ids delivered again since, which
    /// go with their partition while the later row keeps the id remembered.
    /// </remarks>
    public async Task<int> PruneDeliveredBeforeAsync(long beforeMs, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var removed = await DeliveredEvents.DropBeforeAsync(beforeMs, long.MaxValue, cancellationToken).ConfigureAwait(false);
        return (int)Math.Min(removed, int.MaxValue);
    }

    /// <summary>
    /// Ledger writes for several users as at most two statements: fields with a value upserted (acknowledged at
    /// <paramref name="ackedAtMs"/>, or without a time), fields without one removed.
    /// </summary>
    private static List<NpgsqlBatchCommand> LedgerCommands(string outputId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, string?>> sent, long? ackedAtMs)
    {
        var set = sent.SelectMany(u => u.Value.Where(f => f.Value is not null).Select(f => (Mpid: u.Key, Field: f.Key, Value: f.Value!))).ToArray();
        var unset = sent.SelectMany(u => u.Value.Where(f => f.Value is null).Select(f => (Mpid: u.Key, Field: f.Key))).ToArray();
        var commands = new List<NpgsqlBatchCommand>();
        if (unset.Length > 0)
        {
            commands.Add(BatchCommand(
                """
                DELETE FROM last_sent l USING unnest(@mpids, @fields) AS u(mpid, field)
                WHERE l.output_id = @output AND l.mpid = u.mpid AND l.field = u.field
                """,
                ("output", outputId),
                ("mpids", unset.Select(u => u.Mpid).ToArray()),
                ("fields", unset.Select(u => u.Field).ToArray())));
        }

        if (set.Length > 0)
        {
            var upsert = BatchCommand(
                """
                INSERT INTO last_sent (output_id, mpid, field, value, acked_at_ms)
                SELECT @output, u.mpid, u.field, u.value, @acked FROM unnest(@mpids, @fields, @values) AS u(mpid, field, value)
                ON CONFLICT (output_id, mpid, field) DO UPDATE SET value = excluded.value, acked_at_ms = excluded.acked_at_ms
                """,
                ("output", outputId),
                ("mpids", set.Select(s => s.Mpid).ToArray()),
                ("fields", set.Select(s => s.Field).ToArray()),
                ("values", set.Select(s => s.Value).ToArray()));
            upsert.Parameters.Add(Nullable("acked", NpgsqlTypes.NpgsqlDbType.Bigint, ackedAtMs));
            commands.Add(upsert);
        }

        return commands;
    }
}
