using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Switchyard.Sandbox.Control;

/// <summary>The REST key a Braze client sends as <c>Authorization: Bearer &lt;key&gt;</c> (reference/braze.md §1.1).</summary>
internal static class BearerToken
{
    /// <summary>The key, or the empty string when the request carries none.</summary>
    public static string Read(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
    }

    /// <summary>
    /// Keeps only the last 4 characters so a log can tell keys apart without leaking them; keys of 8 characters or
    /// fewer are hidden completely, since their last 4 would be half the secret.
    /// </summary>
    public static string Redact(string key) =>
        key.Length == 0 ? "" : key.Length <= 8 ? "****" : "****" + key[^4..];
}
