namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// Origins as browsers send them in the <c>Origin</c> header (RFC 6454): <c>scheme://host[:port]</c>, lower case,
/// the default port left out, so a configured <c>https://Shop.example:443/</c> matches the header
/// <c>https://shop.example</c>.
/// </summary>
internal static class WebSdkOrigins
{
    /// <summary>The serialised origin, or null when <paramref name="value"/> is not an http(s) origin.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>An empty list allows every origin (a local sandbox); otherwise only the listed ones.</summary>
    public static bool IsAllowed(IReadOnlySet<string> allowed, string origin) =>
        allowed.Count == 0 || (Normalize(origin) is { } normalized && allowed.Contains(normalized));
}
