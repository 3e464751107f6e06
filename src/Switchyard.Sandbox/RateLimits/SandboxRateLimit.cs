namespace Switchyard.Sandbox.RateLimits;

/// <summary>A fixed-window limit: at most <paramref name="Limit"/> requests per <paramref name="WindowSeconds"/> per REST key.</summary>
public sealed record SandboxRateLimit(int Limit, int WindowSeconds);
