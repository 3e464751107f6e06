using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// JSON allows numbers no double can hold (<c>1e400</c>). The sandbox cannot store or compute with them: a stored one
/// turns into Infinity on the first <c>inc</c>, which System.Text.Json refuses to write, so every later export of the
/// user would fail. Braze ignores values it cannot store (reference/braze.md §1.3), so callers treat them as invalid.
/// </summary>
internal static class FiniteNumbers
{
    /// <summary>A JSON number whose value, read as a double, is finite.</summary>
    public static bool TryRead(JsonValue number, out double value)
    {
        value = 0;
        // The JSON text is the one representation every JsonValue (parsed, long or double) shares.
        return number.GetValueKind() == JsonValueKind.Number
            && double.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>True unless <paramref name="node"/> is a number that is not finite as a double.</summary>
    public static bool IsStorable(JsonValue node) => node.GetValueKind() != JsonValueKind.Number || TryRead(node, out _);
}
