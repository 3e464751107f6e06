namespace Switchyard.Braze.Client;

/// <summary>The <c>x-ratelimit-*</c> values of a response, each null when absent or unreadable (reference/braze.md §1.8).</summary>
public sealed record BrazeRateLimitHeaders(long? Limit, long? Remaining, DateTimeOffset? Reset);
