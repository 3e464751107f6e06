using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads a JSON object of attributes into a dictionary. A custom converter (instead of the built-in
/// dictionary one) so that the value rules differ between event and user attributes, a <c>null</c> map
/// reads as empty, an error names the attribute key in its path, and a key given twice is refused.
/// </summary>
internal abstract class AttributeMapConverter : JsonConverter<IReadOnlyDictionary<string, AttributeValue>>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, AttributeValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return EmptyAttributes.Map;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IngestJsonException(IngestErrorCodes.InvalidField, $"expected an object, got {JsonTokenText.Describe(reader.TokenType)}");
        }

        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            AttributeValue value;
            try
            {
                value = ReadValue(ref reader);
            }
            catch (IngestJsonException ex)
            {
                throw new IngestJsonException(ex.Code, ex.Message, JsonPathText.Property(key));
            }

            if (!map.TryAdd(key, value))
            {
                throw new IngestJsonException(IngestErrorCodes.InvalidField, JsonErrorText.RepeatedName, JsonPathText.Property(key));
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            AttributeValueWriter.Write(writer, item);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one value; the reader is on its first token and must end on its last.</summary>
    protected abstract AttributeValue ReadValue(ref Utf8JsonReader reader);
}
