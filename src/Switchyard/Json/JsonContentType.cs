using System.Net.Http.Headers;

namespace Switchyard.Json;

/// <summary>Which <c>Content-Type</c> values announce JSON. None at all counts as JSON: many clients send none.</summary>
internal static class JsonContentType
{
    public static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && (string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || string.Equals(parsed.MediaType, "text/json", StringComparison.OrdinalIgnoreCase)));
}
