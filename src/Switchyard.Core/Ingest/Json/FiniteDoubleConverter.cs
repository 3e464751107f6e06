using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads a JSON number as a finite double. System.Text.Json turns <c>1e400</c> into infinity, which later
/// stages could neither compare nor write back as JSON, so an out-of-range number is rejected like any other.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) && double.IsFinite(value))
        {
            return value;
        }

        throw new IngestJsonException(
            IngestErrorCodes.InvalidField,
            reader.TokenType == JsonTokenType.Number ? "number out of range" : $"wrong JSON type or value out of range: expected a number, got {JsonTokenText.Describe(reader.TokenType)}");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
