using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Control;

/// <summary>
/// Settings of the sandbox control pieces (segments, faults, rate limits, request log).
/// Validated once by <see cref="SandboxControlServiceCollectionExtensions.AddSandboxControl"/>; bad values fail start-up.
/// </summary>
public sealed class SandboxControlOptions
{
    /// <summary>When set, segment definitions are kept in <c>sandbox-segments.json</c> there and survive a restart.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How many requests the request log keeps (oldest dropped first).</summary>
    public int RequestLogCapacity { get; set; } = 1_000;

    /// <summary>How many leading bytes of each request body the request log keeps.</summary>
    public int RequestLogBodyExcerptBytes { get; set; } = 1_024;

    /// <summary>Initial rate limits; the control API can change them at run time.</summary>
    public SandboxRateLimitOptions RateLimits { get; set; } = new();
}
