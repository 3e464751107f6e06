using System.Globalization;
using Npgsql;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// The segments (partitions) of the inbox table. Each covers a range of sequences fixed when it is created, sized so it
/// fills in about <see cref="PostgresInboxOptions.SegmentSpan"/> at the rate the previous one filled, within
/// <see cref="PostgresInboxOptions.MinimumSegmentSize"/> and <see cref="PostgresInboxOptions.SegmentSize"/>: a busy inbox
/// gets few large segments, a quiet one small segments that still fill, and so become prunable, within the retention.
/// </summary>
internal static class InboxSegments
{
    private const string Previous = """
        SELECT lower, upper, received_from, received_until FROM inbox_segments ORDER BY lower DESC LIMIT 1
        """;

    /// <summary>The table name of the segment that starts at <paramref name="lower"/>.</summary>
    public static string Name(long lower) => "inbox_segment_" + lower.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates the segment that starts at <paramref name="lower"/> (where the last one ends) in the caller's transaction,
    /// which holds the counter's lock; returns where the new segment ends.
    /// </summary>
    public static async Task<long> CreateNextAsync(NpgsqlConnection connection, long lower, PostgresInboxOptions options, CancellationToken cancellationToken)
    {
        var upper = lower + await SizeAsync(connection, options, cancellationToken).ConfigureAwait(false);
        var name = Name(lower);
        await using var batch = new NpgsqlBatch(connection);
        PartitionTables.AddCreateAndAttach(batch, "inbox", name, lower, upper);
        var record = new NpgsqlBatchCommand(InboxSchema.RecordSegment);
        record.Parameters.Add(new NpgsqlParameter<long>("lower", lower));
        record.Parameters.Add(new NpgsqlParameter<long>("upper", upper));
        batch.BatchCommands.Add(record);
        var advance = new NpgsqlBatchCommand(InboxSchema.AdvanceSegments);
        advance.Parameters.Add(new NpgsqlParameter<long>("upper", upper));
        batch.BatchCommands.Add(advance);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return upper;
    }

    /// <summary>The size of the next segment, from how long the latest one took to receive its batches.</summary>
    private static async Task<long> SizeAsync(NpgsqlConnection connection, PostgresInboxOptions options, CancellationToken cancellationToken)
    {
        var smallest = Math.Min(options.MinimumSegmentSize, options.SegmentSize);
        await using var command = new NpgsqlCommand(Previous, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(2) || reader.IsDBNull(3))
        {
            // Nothing to measure (the first segment, or the last was pruned or received nothing): start small.
            return smallest;
        }

        var sequences = reader.GetInt64(1) - reader.GetInt64(0);
        var filledIn = reader.GetFieldValue<DateTimeOffset>(3) - reader.GetFieldValue<DateTimeOffset>(2);
        if (filledIn <= TimeSpan.Zero)
        {
            return options.SegmentSize;
        }

        var wanted = sequences * (options.SegmentSpan / filledIn);
        return wanted >= options.SegmentSize ? options.SegmentSize : Math.Max(smallest, (long)wanted);
    }
}
