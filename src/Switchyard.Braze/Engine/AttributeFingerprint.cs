using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The ledger's fingerprint of an attribute value: its JSON text as sent (design.md, attribute deltas). Two values
/// with the same text cost Braze the same and leave the profile the same, so one is enough.
/// </summary>
internal static class AttributeFingerprint
{
    public static string Of(BrazeValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BrazeTrackJson.WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, BrazeValue value)
    {
        switch (value)
        {
            case BrazeString s:
                writer.WriteStringValue(s.Value);
                break;
            case BrazeNumber n:
                writer.WriteRawValue(n.Literal);
                break;
            case BrazeBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case BrazeTime t:
                writer.WriteStringValue(BrazeTrackJson.FormatTime(t.Value));
                break;
            case BrazeArray a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case BrazeObject o:
                writer.WriteStartObject();
                foreach (var property in o.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
