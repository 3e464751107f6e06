using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Event and purchase <c>properties</c> (reference/braze.md §1.4, §1.6): names non-empty, ≤255, no leading <c>$</c>,
/// not <c>time</c> or <c>event_name</c>; string values ≤255; the whole object ≤100 KB.
/// </summary>
internal static class EventProperties
{
    private const int MaxBytes = 100 * 1024;

    public static string? Validate(JsonNode? node, out JsonObject? properties)
    {
        properties = null;
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            return TrackErrors.Invalid("properties");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(obj.ToJsonString()) > MaxBytes)
        {
            return "'properties' must not be larger than 100 KB";
        }

        foreach (var (name, value) in obj)
        {
            if (name is "time" or "event_name")
            {
                return $"'{name}' is a reserved property name";
            }

            if (name.Length is 0 or > 255 || name[0] == '$')
            {
                return $"Property name '{name}' is not valid";
            }

            if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String && scalar.GetValue<string>().Length > 255)
            {
                return $"The value of property '{name}' is longer than 255 characters";
            }
        }

        properties = (JsonObject)obj.DeepClone();
        return null;
    }
}
