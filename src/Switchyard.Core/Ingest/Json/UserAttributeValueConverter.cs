using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>A single value with the user attribute rules of <see cref="AttributeValueReader.ReadUserValue"/>.</summary>
internal sealed class UserAttributeValueConverter : JsonConverter<AttributeValue>
{
    public override bool HandleNull => true;

    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AttributeValueReader.ReadUserValue(ref reader);

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options) =>
        AttributeValueWriter.Write(writer, value);
}
