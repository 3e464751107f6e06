using System.Text;
using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads attribute values. Event attributes (reference/mparticle.md §1.3) allow string, number and bool; we also
/// accept null, and keep arrays and objects as raw JSON rather than rejecting the batch, because real SDKs send
/// them and the downstream mapping simply drops them. User attributes (§1.2, §1.7) are string, number, bool,
/// null (a tag) or a list; a list's numbers and booleans are kept as strings, since the Events API schema's list items
/// admit them (https://docs.mparticle.com/downloads/mparticle.events.oas.yaml). An object, or a list holding null, an
/// array or an object, is rejected.
/// </summary>
internal static class AttributeValueReader
{
    /// <summary>Reads an event attribute value; the reader is on its first token and ends on its last.</summary>
    public static AttributeValue ReadEventValue(ref Utf8JsonReader reader)
    {
        if (TryReadScalar(ref reader, out var value))
        {
            return value;
        }

        var kind = reader.TokenType == JsonTokenType.StartArray ? AttributeValueKind.Array : AttributeValueKind.Object;
        using var document = JsonDocument.ParseValue(ref reader);
        return new AttributeValue(kind, document.RootElement.GetRawText());
    }

    /// <summary>Reads a user attribute value; the reader is on its first token and ends on its last.</summary>
    public static AttributeValue ReadUserValue(ref Utf8JsonReader reader)
    {
        if (TryReadScalar(ref reader, out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ReadStringList(ref reader);
        }

        throw new IngestJsonException(IngestErrorCodes.InvalidField, "a user attribute must be a string, number, boolean, null or a list, not an object");
    }

    private static bool TryReadScalar(ref Utf8JsonReader reader, out AttributeValue value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                value = AttributeValue.Null;
                return true;
            case JsonTokenType.True:
                value = AttributeValue.True;
                return true;
            case JsonTokenType.False:
                value = AttributeValue.False;
                return true;
            case JsonTokenType.String:
                value = AttributeValue.FromString(reader.GetString()!);
                return true;
            case JsonTokenType.Number:
                // A number token is plain ASCII, never escaped, so its bytes are its text.
                value = new AttributeValue(AttributeValueKind.Number, reader.HasValueSequence
                    ? Encoding.UTF8.GetString(reader.ValueSequence)
                    : Encoding.UTF8.GetString(reader.ValueSpan));
                return true;
            default:
                value = default;
                return false;
        }
    }

    private static AttributeValue ReadStringList(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,

                // A number token is plain ASCII, never escaped: kept as sent, so 1.50 stays "1.50".
                JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => throw new IngestJsonException(IngestErrorCodes.InvalidField, $"list entry {list.Count} must be a string, number or boolean, got {JsonTokenText.Describe(reader.TokenType)}"),
            });
        }

        return AttributeValue.FromStringList(list);
    }
}
