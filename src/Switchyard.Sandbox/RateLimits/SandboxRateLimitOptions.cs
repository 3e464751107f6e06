namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// Rate limits per REST key and endpoint class. Defaults follow reference/braze.md §1.8 and §2.
/// Can be replaced at run time through <c>PUT /_sandbox/ratelimits</c>.
/// </summary>
public sealed record SandboxRateLimitOptions
{
    /// <summary>False turns limiting off; the x-ratelimit headers are still sent.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>/users/track</c>: 3,000 requests per 3 s (reference/braze.md §1.8).</summary>
    public SandboxRateLimit Track { get; init; } = new(3_000, 3);

    /// <summary><c>/users/delete</c>, <c>alias/new</c>, <c>alias/update</c>, <c>identify</c>, <c>merge</c>, one shared budget: 20,000 per minute (reference/braze.md §2).</summary>
    public SandboxRateLimit UserWrites { get; init; } = new(20_000, 60);

    /// <summary><c>/users/export/ids</c>: 250 per minute (reference/braze.md §2).</summary>
    public SandboxRateLimit ExportIds { get; init; } = new(250, 60);

    /// <summary>
    /// <c>/users/external_ids/rename</c> and <c>/users/external_ids/remove</c>: 1,000 per minute each, two separate
    /// budgets of this size (Braze: "Rename external ID" and "Remove external ID", rate limit).
    /// </summary>
    public SandboxRateLimit ExternalIds { get; init; } = new(1_000, 60);

    /// <summary>Every other Braze route: 250,000 per hour (reference/braze.md §1.8, "Other").</summary>
    public SandboxRateLimit Other { get; init; } = new(250_000, 3_600);
}
