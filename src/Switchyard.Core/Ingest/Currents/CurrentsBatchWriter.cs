using System.Buffers;
using System.Text.Json;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// Writes one Currents event as the one-event mParticle batch Braze's mParticle export sends for it
/// (reference/mparticle.md §5): <c>customerid</c> = external_user_id, a <c>custom_event</c> of type <c>other</c> (an
/// <c>uninstall</c> for uninstalls) whose <c>source_message_id</c> is the Braze event id, and the event's properties
/// as <c>custom_attributes</c>.
/// </summary>
internal static class CurrentsBatchWriter
{
    /// <summary>Avro-JSON wraps optional values as <c>{"string": …}</c> (reference/braze.md §6); such a wrapper is unwrapped.</summary>
    private static readonly HashSet<string> AvroTypes = new(StringComparer.Ordinal) { "string", "int", "long", "float", "double", "boolean" };

    public static byte[] Write(CurrentsEvent currents, string environment)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema_version", 2);
            writer.WriteString("environment", environment);
            writer.WriteStartObject("user_identities");
            writer.WriteString("customerid", currents.ExternalUserId);
            writer.WriteEndObject();
            writer.WriteStartObject("user_attributes");
            writer.WriteEndObject();
            writer.WriteStartArray("events");
            writer.WriteStartObject();
            bool uninstall = string.Equals(currents.EventType, CurrentsEventNames.Uninstall, StringComparison.Ordinal);
            writer.WriteString("event_type", uninstall ? "uninstall" : "custom_event");
            writer.WriteStartObject("data");
            if (!uninstall)
            {
                writer.WriteString("event_name", CurrentsEventNames.For(currents.EventType));
                writer.WriteString("custom_event_type", "other");
            }

            writer.WriteString("source_message_id", currents.Id);
            writer.WriteNumber("timestamp_unixtime_ms", currents.TimestampUnixtimeMs);
            writer.WriteStartObject("custom_attributes");
            WriteAttributes(writer, currents);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAttributes(Utf8JsonWriter writer, CurrentsEvent currents)
    {
        // The first value under a name wins, so a flattened key can never repeat one already written.
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (currents.Properties is { } properties)
        {
            WriteObject(writer, properties, "", written);
        }

        // The user's Braze ids keep Braze's field names; a property of the same name was written first and wins.
        WriteUserField(writer, "user_id", currents.UserId, written);
        WriteUserField(writer, "device_id", currents.DeviceId, written);
        WriteUserField(writer, "timezone", currents.Timezone, written);
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement obj, string prefix, HashSet<string> written)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var name = prefix + property.Name;
            var value = Unwrap(property.Value);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    // Nested objects flatten to dotted names ("a": {"b": 1} → "a.b": 1), so audience criteria can name them.
                    WriteObject(writer, value, name + ".", written);
                    break;
                case JsonValueKind.Array:
                    // Lists are kept whole, as their JSON text: an mParticle event attribute is a scalar.
                    if (written.Add(name))
                    {
                        writer.WriteString(name, value.GetRawText());
                    }

                    break;
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    if (written.Add(name))
                    {
                        writer.WritePropertyName(name);
                        value.WriteTo(writer);
                    }

                    break;
                default:
                    // null: Braze sends it for a field without a value; there is nothing to keep.
                    break;
            }
        }
    }

    private static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        using var members = value.EnumerateObject();
        if (!members.MoveNext())
        {
            return value;
        }

        var only = members.Current;
        return !members.MoveNext() && AvroTypes.Contains(only.Name) && only.Value.ValueKind != JsonValueKind.Object ? only.Value : value;
    }

    private static void WriteUserField(Utf8JsonWriter writer, string name, string? value, HashSet<string> written)
    {
        if (value is not null && written.Add(name))
        {
            writer.WriteString(name, value);
        }
    }
}
