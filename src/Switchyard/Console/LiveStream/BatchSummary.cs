using System.Text;
using System.Text.Json;

namespace Switchyard.Console.LiveStream;

/// <summary>
/// Reads what the live stream filters on from a batch's own JSON: event types, event (or screen) names and user
/// identities as <c>type: value</c>. The batch was validated before it was stored, so only its shape is assumed.
/// </summary>
internal static class BatchSummary
{
    public static TappedBatch Read(long id, string inputId, DateTimeOffset receivedAt, ReadOnlySpan<byte> raw)
    {
        var types = new List<string>();
        var names = new List<string>();
        var identities = new List<string>();
        var reader = new Utf8JsonReader(raw);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in events.EnumerateArray())
            {
                AddString(e, "event_type", types);
                if (e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    AddString(data, "event_name", names);
                    AddString(data, "screen_name", names);
                }
            }
        }

        if (root.TryGetProperty("user_identities", out var ids) && ids.ValueKind == JsonValueKind.Object)
        {
            foreach (var identity in ids.EnumerateObject())
            {
                if (identity.Value.ValueKind == JsonValueKind.String)
                {
                    identities.Add($"{identity.Name}: {identity.Value.GetString()}");
                }
            }
        }

        if (root.TryGetProperty("mpid", out var mpid) && mpid.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            identities.Add($"mpid: {mpid}");
        }

        return new TappedBatch(id, inputId, receivedAt, Distinct(types), Distinct(names), identities, Encoding.UTF8.GetString(raw));
    }

    private static void AddString(JsonElement element, string name, List<string> into)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            into.Add(text);
        }
    }

    private static List<string> Distinct(List<string> values) => [.. values.Distinct(StringComparer.Ordinal)];
}
