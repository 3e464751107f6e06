using System.Text;
using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>The scalar and list readers shared by the two attribute value converters.</summary>
internal static class AttributeValueReader
{
    /// <summary>Reads a string, number, boolean or null token; returns false for arrays and objects.</summary>
    public static bool TryReadScalar(ref Utf8JsonReader reader, out AttributeValue value)
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

    /// <summary>Reads an array whose elements must all be strings.</summary>
    public static AttributeValue ReadStringList(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new IngestJsonException(
                    IngestErrorCodes.InvalidField,
                    $"list entry {list.Count} must be a string, got {JsonTokenText.Describe(reader.TokenType)}");
            }

            list.Add(reader.GetString()!);
        }

        return AttributeValue.FromStringList(list);
    }
}
