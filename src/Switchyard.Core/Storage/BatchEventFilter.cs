using System.Buffers;
using System.Text.Json;

namespace Switchyard.Core.Storage;

/// <summary>
/// Rewrites a stored batch without some of its events, for the inbox's message-id dedupe (<see cref="IInboxStore"/>).
/// Every other member, and every kept event, is copied as the raw bytes it was sent with; only the white space
/// between members and the left-out events change. Used on the rare path where a batch repeats part of its events.
/// </summary>
public static class BatchEventFilter
{
    /// <summary>
    /// The batch object in <paramref name="batch"/> with the events at the indexes where <paramref name="drop"/> is true
    /// left out of its top-level <c>events</c> array.
    /// </summary>
    /// <exception cref="JsonException">The payload is not a JSON object (the Events API stores only validated batches).</exception>
    public static byte[] WithoutEvents(ReadOnlySpan<byte> batch, IReadOnlyList<bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var reader = new Utf8JsonReader(batch, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A batch must be a JSON object.");
        }

        var output = new ArrayBufferWriter<byte>(batch.Length);
        output.Write("{"u8);
        var firstMember = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The name as sent, escapes included.
            var name = reader.ValueSpan;
            // Compared unescaped, as the parser reads it, so "\u0065vents" is the events array too.
            var isEvents = reader.ValueTextEquals("events"u8);
            if (!firstMember)
            {
                output.Write(","u8);
            }

            firstMember = false;
            output.Write("\""u8);
            output.Write(name);
            output.Write("\":"u8);
            reader.Read();
            if (isEvents && reader.TokenType == JsonTokenType.StartArray)
            {
                WriteKeptEvents(ref reader, batch, drop, output);
                continue;
            }

            var start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            output.Write(batch[start..checked((int)reader.BytesConsumed)]);
        }

        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteKeptEvents(ref Utf8JsonReader reader, ReadOnlySpan<byte> batch, IReadOnlyList<bool> drop, ArrayBufferWriter<byte> output)
    {
        output.Write("["u8);
        var index = 0;
        var firstEvent = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            var keep = index >= drop.Count || !drop[index];
            index++;
            if (!keep)
            {
                continue;
            }

            if (!firstEvent)
            {
                output.Write(","u8);
            }

            firstEvent = false;
            output.Write(batch[start..checked((int)reader.BytesConsumed)]);
        }

        output.Write("]"u8);
    }
}
