using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads a <c>user_attributes</c> value: string, number, bool, null (a tag, reference/mparticle.md §1.7) or
/// a list of strings (§1.2). An object, or a list holding anything but strings, is rejected.
/// </summary>
internal sealed class UserAttributeValueConverter : JsonConverter<AttributeValue>
{
    public override bool HandleNull => true;

    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (AttributeValueReader.TryReadScalar(ref reader, out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return AttributeValueReader.ReadStringList(ref reader);
        }

        throw new IngestJsonException(IngestErrorCodes.InvalidField, "a user attribute must be a string, number, boolean, null or a list of strings, not an object");
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options) =>
        AttributeValueWriter.Write(writer, value);
}
