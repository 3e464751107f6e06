using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>Reads attribute values the same way whether a node was parsed from JSON or built in code.</summary>
internal static class JsonScalars
{
    /// <summary>Blank = missing, JSON null or the empty string. Whitespace is significant (reference/braze.md §5).</summary>
    public static bool IsBlank(JsonNode? node) =>
        node is null
        || node.GetValueKind() == JsonValueKind.Null
        || (TryGetString(node, out var text) && text.Length == 0);

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue && node.GetValueKind() == JsonValueKind.String)
        {
            value = node.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        // ToJsonString is the one representation every numeric JsonValue shares, whatever CLR type backs it.
        return node is JsonValue
            && node.GetValueKind() == JsonValueKind.Number
            && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        var kind = node?.GetValueKind();
        value = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False;
    }

    /// <summary>Times are ISO-8601 strings (see <see cref="ISegmentSubject"/>); a string without a zone is UTC (reference/braze.md §1.5).</summary>
    public static bool TryGetTime(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        return TryGetString(node, out var text) && TryParseTime(text, out value);
    }

    public static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>The text a scalar compares by in array filters: strings as they are, numbers and booleans as JSON.</summary>
    public static string? ScalarText(JsonNode? node) =>
        node?.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            _ => null,
        };
}
