using System.Text;
using System.Text.Json;
using Npgsql;
using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Queuing outbox items: one statement for any number of them, in the order given.</summary>
internal static class OutboxEntries
{
    /// <summary>
    /// An INSERT of the entries as a batch command (ids follow the order of the list). Each row carries the partition of
    /// its user (<see cref="UserPartitions.OfMpid"/>), so the outbox can be split and claimed by partition later, and
    /// the inbox sequence its payload names, if any.
    /// </summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyList<OutboxEntry> entries, int partitionCount)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outbox (partition, output_id, mpid, payload, next_attempt_at_ms, created_at_ms, inbox_seq)
            SELECT u.partition, u.output_id, u.mpid, u.payload, u.created, u.created, u.inbox_seq
            FROM unnest(@partitions, @outputs, @mpids, @payloads, @created, @inbox_seqs)
                 WITH ORDINALITY AS u(partition, output_id, mpid, payload, created, inbox_seq, n)
            ORDER BY u.n
            """);
        command.Parameters.AddWithValue("partitions", entries.Select(e => UserPartitions.OfMpid(e.Mpid, partitionCount)).ToArray());
        command.Parameters.AddWithValue("outputs", entries.Select(e => e.OutputId).ToArray());
        command.Parameters.AddWithValue("mpids", entries.Select(e => e.Mpid).ToArray());
        command.Parameters.AddWithValue("payloads", entries.Select(e => e.Payload).ToArray());
        command.Parameters.AddWithValue("created", entries.Select(e => e.CreatedAtMs).ToArray());
        command.Parameters.AddWithValue("inbox_seqs", entries.Select(e => InboxSequenceOf(e.Payload)).ToArray());
        return command;
    }

    /// <summary>
    /// The inbox batch a payload refers to: the integer <c>seq</c> member of a JSON object (the routing's
    /// <see cref="OutboxPayloads.Batch"/>), or null for any other payload, including text that is not JSON.
    /// </summary>
    public static long? InboxSequenceOf(string payload)
    {
        // Cheap rejection first: most payloads of other shapes never mention the member.
        if (!payload.Contains("\"seq\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            long? sequence = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSeq = reader.ValueTextEquals("seq"u8);
                reader.Read();
                if (isSeq && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                {
                    sequence = value;
                }

                reader.Skip();
            }

            return sequence;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
