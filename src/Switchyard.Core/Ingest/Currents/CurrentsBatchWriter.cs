using System.Buffers;
using System.Text.Json;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// Writes one Currents event as the one-event mParticle batch Braze's mParticle export sends for it
/// (reference/mparticle.md §5): <c>customerid</c> = external_user_id, a <c>custom_event</c> of type <c>other</c> (an
/// <c>uninstall</c> for uninstalls) whose <c>source_message_id</c> is the Braze event id, and the event's properties
/// as <c>custom_attributes</c>. The attributes are kept within the Events API's limits, so Braze's data never makes a
/// request fail that Braze could not fix by sending it again: a name longer than 256 characters is left out, a value
/// longer than 4,096 characters is cut there, and beyond 100 attributes the later properties are left out (the user's
/// ids are always kept).
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
            // Room is kept for the user's ids, written after the properties.
            var userFields = new[] { currents.UserId, currents.DeviceId, currents.Timezone }.Count(v => v is not null);
            WriteObject(writer, properties, "", written, IngestFieldLimits.MaxEventAttributes - userFields);
        }

        // The user's Braze ids keep Braze's field names; a property of the same name was written first and wins.
        WriteUserField(writer, "user_id", currents.UserId, written);
        WriteUserField(writer, "device_id", currents.DeviceId, written);
        WriteUserField(writer, "timezone", currents.Timezone, written);
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement obj, string prefix, HashSet<string> written, int room)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var name = prefix + property.Name;
            var value = Unwrap(property.Value);
            if (value.ValueKind != JsonValueKind.Object && (written.Count >= room || name.Length > IngestFieldLimits.MaxAttributeNameLength))
            {
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    // Nested objects flatten to dotted names ("a": {"b": 1} → "a.b": 1), so audience criteria can name them.
                    WriteObject(writer, value, name + ".", written, room);
                    break;
                case JsonValueKind.Array:
                    // Lists are kept whole, as their JSON text: an mParticle event attribute is a scalar.
                    if (written.Add(name))
                    {
                        writer.WriteString(name, Limited(value.GetRawText()));
                    }

                    break;
                case JsonValueKind.String:
                    if (written.Add(name))
                    {
                        writer.WriteString(name, Limited(value.GetString()!));
                    }

                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
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

    /// <summary>At most 4,096 characters, never ending inside a surrogate pair.</summary>
    private static string Limited(string text)
    {
        if (text.Length <= IngestFieldLimits.MaxAttributeValueLength)
        {
            return text;
        }

        var length = IngestFieldLimits.MaxAttributeValueLength;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    internal static JsonElement Unwrap(JsonElement value)
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
