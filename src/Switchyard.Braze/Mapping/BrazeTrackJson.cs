using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// Writes <see cref="BrazeUserUpdate"/>s as the <c>/users/track</c> body <c>{"attributes":[…],"events":[…],"purchases":[…]}</c>
/// (reference/braze.md §1.1). Empty arrays are left out. Every object carries the user's <c>external_id</c>; an update
/// without one writes its attributes object as a <c>push_token_import</c> (§1.3).
/// </summary>
public static class BrazeTrackJson
{
    /// <summary>
    /// Non-ASCII text as UTF-8 rather than <c>\uXXXX</c>: the body is JSON over HTTP, never embedded in HTML, so the
    /// default encoder's HTML-safe escaping only makes it larger and harder to read.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The time format used for every time: ISO-8601 UTC with milliseconds (§1.5).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The request body for one user's update.</summary>
    public static string ToJson(BrazeUserUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteBody(writer, [update]);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One request body holding every object of these updates, in their order. Callers keep within the batch rule.</summary>
    public static void WriteBody(Utf8JsonWriter writer, IReadOnlyList<BrazeUserUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(updates);
        writer.WriteStartObject();
        if (updates.Any(u => u.HasAttributesObject))
        {
            writer.WriteStartArray("attributes");
            foreach (var update in updates.Where(u => u.HasAttributesObject))
            {
                WriteAttributes(writer, update);
            }

            writer.WriteEndArray();
        }

        if (updates.Any(u => u.Events.Count > 0))
        {
            writer.WriteStartArray("events");
            foreach (var update in updates)
            {
                foreach (var e in update.Events)
                {
                    WriteEvent(writer, update, e);
                }
            }

            writer.WriteEndArray();
        }

        if (updates.Any(u => u.Purchases.Count > 0))
        {
            writer.WriteStartArray("purchases");
            foreach (var update in updates)
            {
                foreach (var p in update.Purchases)
                {
                    WritePurchase(writer, update, p);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The user's attributes object (§1.3).</summary>
    public static void WriteAttributes(Utf8JsonWriter writer, BrazeUserUpdate update)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(update);
        writer.WriteStartObject();
        if (update.ExternalId is { } id)
        {
            writer.WriteString("external_id", id);
        }
        else
        {
            writer.WriteBoolean("push_token_import", true);
        }

        WriteProperties(writer, update.Attributes);
        if (update.PushTokens.Count > 0)
        {
            writer.WriteStartArray("push_tokens");
            foreach (var token in update.PushTokens)
            {
                writer.WriteStartObject();
                writer.WriteString("app_id", token.AppId);
                writer.WriteString("token", token.Token);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>One event object (§1.4).</summary>
    public static void WriteEvent(Utf8JsonWriter writer, BrazeUserUpdate update, BrazeEvent brazeEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(brazeEvent);
        writer.WriteStartObject();
        WriteIdentifier(writer, update);
        writer.WriteString("name", brazeEvent.Name);
        writer.WriteString("time", FormatTime(brazeEvent.Time));
        if (brazeEvent.Properties.Count > 0)
        {
            writer.WriteStartObject("properties");
            WriteProperties(writer, brazeEvent.Properties);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>One purchase object (§1.6).</summary>
    public static void WritePurchase(Utf8JsonWriter writer, BrazeUserUpdate update, BrazePurchase purchase)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(purchase);
        writer.WriteStartObject();
        WriteIdentifier(writer, update);
        writer.WriteString("product_id", purchase.ProductId);
        writer.WriteString("currency", purchase.Currency);
        writer.WriteNumber("price", purchase.Price);
        writer.WriteNumber("quantity", purchase.Quantity);
        writer.WriteString("time", FormatTime(purchase.Time));
        if (purchase.Properties.Count > 0)
        {
            writer.WriteStartObject("properties");
            WriteProperties(writer, purchase.Properties);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIdentifier(Utf8JsonWriter writer, BrazeUserUpdate update)
    {
        // The mapper never emits events for an update without an external id; an identifier-less object is a Braze error.
        var id = update.ExternalId ?? throw new InvalidOperationException("Events and purchases need an external_id.");
        writer.WriteString("external_id", id);
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<BrazeProperty> properties)
    {
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            WriteValue(writer, property.Value);
        }
    }

    /// <summary>Writes one value exactly as it goes to Braze (also the last-sent ledger's fingerprint).</summary>
    internal static void WriteValue(Utf8JsonWriter writer, BrazeValue value)
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
                writer.WriteStringValue(FormatTime(t.Value));
                break;
            case BrazeArray a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case BrazeArrayEdit edit:
                writer.WriteStartObject();
                WriteEditList(writer, "add", edit.Add);
                WriteEditList(writer, "remove", edit.Remove);
                writer.WriteEndObject();
                break;
            case BrazeObject o:
                writer.WriteStartObject();
                WriteProperties(writer, o.Properties);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteEditList(Utf8JsonWriter writer, string name, IReadOnlyList<BrazeValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            WriteValue(writer, value);
        }

        writer.WriteEndArray();
    }
}
