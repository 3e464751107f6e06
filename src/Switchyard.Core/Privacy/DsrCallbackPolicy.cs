namespace Switchyard.Core.Privacy;

/// <summary>
/// Which status callback URLs the workspace allows (<c>privacy.dsrCallbackUrls</c>). Each entry is an absolute http(s)
/// URL prefix: a callback is allowed when its scheme, host and port equal the entry's and its path starts with the
/// entry's path. Nothing is allowed by default, so a submission cannot make Switchyard post to an address of the
/// caller's choosing (server-side request forgery).
/// </summary>
public sealed class DsrCallbackPolicy
{
    private readonly IReadOnlyList<Uri> _prefixes;

    public DsrCallbackPolicy(IReadOnlyList<Uri> prefixes) => _prefixes = prefixes;

    public static DsrCallbackPolicy None { get; } = new([]);

    public IReadOnlyList<Uri> Prefixes => _prefixes;

    public bool Allows(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && IsHttp(uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && _prefixes.Any(p =>
            string.Equals(p.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && p.Port == uri.Port
            && uri.AbsolutePath.StartsWith(p.AbsolutePath, StringComparison.Ordinal));

    public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;
}
