using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads an event <c>custom_attributes</c> / <c>custom_flags</c> value. reference/mparticle.md §1.3 allows
/// string, number and bool; we also accept null, and we keep arrays and objects as raw JSON rather than
/// rejecting the batch, because real SDKs send them and the downstream mapping simply drops them.
/// </summary>
internal sealed class EventAttributeValueConverter : JsonConverter<AttributeValue>
{
    public override bool HandleNull => true;

    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (AttributeValueReader.TryReadScalar(ref reader, out var value))
        {
            return value;
        }

        var kind = reader.TokenType == JsonTokenType.StartArray ? AttributeValueKind.Array : AttributeValueKind.Object;
        using var document = JsonDocument.ParseValue(ref reader);
        return new AttributeValue(kind, document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options) =>
        AttributeValueWriter.Write(writer, value);
}
