using System.Net;
using System.Text;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Currents;

/// <summary>A validated Currents destination. <see cref="Environment"/> is the wire value (<c>production</c>/<c>development</c>).</summary>
internal sealed record CurrentsConnector(Uri Url, string ApiKey, string ApiSecret, string Environment)
{
    public const string Production = "production";
    public const string Development = "development";

    /// <summary>
    /// mParticle's <c>/v2/events</c> takes one batch; every other URL is treated like <c>/v2/bulkevents</c>, which takes
    /// an array of up to 100 (reference/mparticle.md §1.1).
    /// </summary>
    public bool OneBatchPerRequest => Url.AbsolutePath.TrimEnd('/').EndsWith("/v2/events", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of <c>Authorization: Basic …</c>.</summary>
    public string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKey}:{ApiSecret}"));

    /// <summary>What a refused non-loopback URL is told.</summary>
    public const string LoopbackOnly =
        "must point at this machine (a loopback address such as 127.0.0.1 or ::1, or localhost); start the sandbox with --allow-remote-currents (SandboxOptions.AllowRemoteCurrents) to send Currents elsewhere";

    /// <summary>
    /// Checks the four fields; returns null and adds one <see cref="FieldError"/> per bad field (named
    /// <paramref name="prefix"/> + field) otherwise. A null <paramref name="environment"/> means production. Unless
    /// <paramref name="allowRemote"/>, the URL must be <see cref="IsOnThisMachine"/>.
    /// </summary>
    public static CurrentsConnector? Create(
        string? url, string? apiKey, string? apiSecret, string? environment, bool allowRemote, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        Uri? parsed = null;
        if (string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new(prefix + "url", "must be an absolute http or https URL"));
        }
        else if (parsed.UserInfo.Length > 0)
        {
            // Credentials in the URL would be echoed by GET and written to logs; they belong in api_key/api_secret.
            errors.Add(new(prefix + "url", "must not carry credentials; use api_key and api_secret"));
        }
        else if (!allowRemote && !IsOnThisMachine(parsed))
        {
            errors.Add(new(prefix + "url", LoopbackOnly));
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            errors.Add(new(prefix + "api_key", "must be a non-empty string"));
        }
        else if (apiKey.Contains(':', StringComparison.Ordinal))
        {
            // HTTP Basic splits user and password at the first colon, so a key with one could never authenticate.
            errors.Add(new(prefix + "api_key", "must not contain ':'"));
        }

        if (string.IsNullOrWhiteSpace(apiSecret))
        {
            errors.Add(new(prefix + "api_secret", "must be a non-empty string"));
        }

        if (environment is not (null or Production or Development))
        {
            errors.Add(new(prefix + "environment", $"must be '{Production}' or '{Development}'"));
        }

        return errors.Count > before ? null : new CurrentsConnector(parsed!, apiKey!, apiSecret!, environment ?? Production);
    }

    /// <summary>
    /// A loopback IP address (127.0.0.0/8, ::1, or either written as an IPv4-mapped IPv6 address) or the name
    /// <c>localhost</c>. No other name is resolved: what a name resolves to can change after it was checked.
    /// </summary>
    public static bool IsOnThisMachine(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.DnsSafeHost, out var address))
        {
            return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }

        return url.HostNameType == UriHostNameType.Dns && string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase);
    }
}
