using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Writes an <see cref="AttributeValue"/> back as the JSON it was read from.</summary>
internal static class AttributeValueWriter
{
    public static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeValueKind.String:
                writer.WriteStringValue(value.Text);
                break;
            case AttributeValueKind.Number or AttributeValueKind.Array or AttributeValueKind.Object:
                writer.WriteRawValue(value.Text ?? "null", skipInputValidation: false);
                break;
            case AttributeValueKind.Boolean:
                writer.WriteBooleanValue(value.Text == "true");
                break;
            case AttributeValueKind.StringList:
                writer.WriteStartArray();
                foreach (var item in value.List ?? [])
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
