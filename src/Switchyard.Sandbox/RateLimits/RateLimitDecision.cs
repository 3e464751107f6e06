namespace Switchyard.Sandbox.RateLimits;

/// <summary>The outcome of counting one request, with what the x-ratelimit headers report.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);
