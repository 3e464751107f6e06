using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// The last step of an appending transaction: take a contiguous range of sequences under the counter's row lock (and
/// mark the segments' receive times in the same statement), make sure segments cover it, copy the rows in. The caller
/// commits right after, which releases the lock.
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
            take.Parameters.Add(new NpgsqlParameter<long>("count", rows.Count));
            take.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            last = reader.GetInt64(0);
            segmentsThrough = reader.GetInt64(1);
        }

        var first = last - rows.Count + 1;

        // Segments are made as sequences reach them, each sized then (InboxSegments). The counter's lock makes this
        // writer the only one creating segments now. The take marked the receive times of the segments that existed; new
        // ones are marked once made.
        if (segmentsThrough <= last)
        {
            while (segmentsThrough <= last)
            {
                segmentsThrough = await InboxSegments.CreateNextAsync(connection, segmentsThrough, options, cancellationToken).ConfigureAwait(false);
            }

            await using var mark = new NpgsqlCommand(InboxSchema.MarkSegmentsReceived, connection);
            mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            mark.Parameters.Add(new NpgsqlParameter<long>("first", first));
            mark.Parameters.Add(new NpgsqlParameter<long>("last", last));
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // COPY streams the rows straight into the table (PostgreSQL routes each to its segment), which costs both sides far
        // less than binding one array per column and unnesting them.
        var importer = await connection.BeginBinaryImportAsync(InboxSchema.Copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var seq = first + i;

                // A batch that names nobody goes to a partition by its sequence, which spreads new anonymous users evenly.
                var partition = row.PartitionKey is { } key ? UserPartitions.Of(key, partitions) : (int)(seq % partitions);
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(seq, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(partition, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.FeedId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                if (row.SourceRequestId is { } id)
                {
                    await importer.WriteAsync(id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }

                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.Historical, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.Payload, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return first;
    }
}
