namespace Switchyard.Core.Workspace;

/// <summary>
/// The workspace's <c>privacy</c> section. <see cref="DsrCallbackUrls"/> are the only URL prefixes a DSR status callback
/// may go to (none by default); <see cref="ErasureWaitingPeriod"/> is how long an erasure waits, cancellable, unless
/// the request skips it; <see cref="PublicBaseUrl"/> is how callers reach this service (for <c>results_url</c> in callbacks).
/// </summary>
public sealed record PrivacySettings
{
    public IReadOnlyList<Uri> DsrCallbackUrls { get; init; } = [];

    public TimeSpan ErasureWaitingPeriod { get; init; } = TimeSpan.Zero;

    public Uri? PublicBaseUrl { get; init; }
}
