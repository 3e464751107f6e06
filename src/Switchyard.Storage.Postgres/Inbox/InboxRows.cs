using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// The last step of an appending transaction: take a contiguous range of sequences under the counter's row lock, make
/// sure segments cover it, insert the rows. The caller commits right after, which releases the lock.
/// </summary>
internal static class InboxRows
{
    /// <summary>
    /// Inserts <paramref name="rows"/> in the open transaction of <paramref name="connection"/> and returns the sequence
    /// of the first (the others follow one by one). The counter stays locked until the transaction ends.
    /// </summary>
    public static async Task<long> InsertAsync(
        NpgsqlConnection connection, IReadOnlyList<NewRow> rows, DateTimeOffset now, int partitions, PostgresInboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        long last;
        long segmentsThrough;
        await using (var take = new NpgsqlCommand(InboxSchema.TakeSequences, connection))
        {
            take.Parameters.AddWithValue("count", (long)rows.Count);
            await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            last = reader.GetInt64(0);
            segmentsThrough = reader.GetInt64(1);
        }

        var first = last - rows.Count + 1;

        // Segments are made as sequences reach them, each sized then (InboxSegments). The counter's lock makes this
        // writer the only one creating segments now.
        while (segmentsThrough <= last)
        {
            segmentsThrough = await InboxSegments.CreateNextAsync(connection, segmentsThrough, options, cancellationToken).ConfigureAwait(false);
        }

        var seqs = new long[rows.Count];
        var partitionOf = new int[rows.Count];
        var feeds = new string[rows.Count];
        var ids = new string?[rows.Count];
        var historicals = new bool[rows.Count];
        var payloads = new byte[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            seqs[i] = first + i;

            // A batch that names nobody goes to a partition by its sequence, which spreads new anonymous users evenly.
            partitionOf[i] = row.PartitionKey is { } key ? UserPartitions.Of(key, partitions) : (int)(seqs[i] % partitions);
            feeds[i] = row.FeedId;
            ids[i] = row.SourceRequestId;
            historicals[i] = row.Historical;
            payloads[i] = row.Payload;
        }

        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(InboxSchema.Insert);
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("seqs", seqs));
        insert.Parameters.Add(new NpgsqlParameter<int[]>("partitions", partitionOf));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("feeds", feeds));
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        insert.Parameters.Add(new NpgsqlParameter<bool[]>("historicals", historicals));
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
        batch.BatchCommands.Add(insert);
        var mark = new NpgsqlBatchCommand(InboxSchema.MarkSegmentsReceived);
        mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        mark.Parameters.Add(new NpgsqlParameter<long>("first", first));
        mark.Parameters.Add(new NpgsqlParameter<long>("last", last));
        batch.BatchCommands.Add(mark);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return first;
    }
}
