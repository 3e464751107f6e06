using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>The lower-case x-ratelimit headers Braze sends on every response (reference/braze.md §1.8).</summary>
internal static class RateLimitHeaders
{
    public const string Limit = "x-ratelimit-limit";
    public const string Remaining = "x-ratelimit-remaining";
    public const string Reset = "x-ratelimit-reset";

    public static void Apply(HttpResponse response, int limit, int remaining, DateTimeOffset resetAt)
    {
        response.Headers[Limit] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[Remaining] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[Reset] = EpochSeconds(resetAt).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Retry-After in whole seconds until the reset, at least 1. A sandbox choice: Braze's REST Retry-After is
    /// UNVERIFIED (reference/braze.md §1.7), clients should rely on x-ratelimit-reset.
    /// </summary>
    public static void ApplyRetryAfter(HttpResponse response, DateTimeOffset resetAt, DateTimeOffset now)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling((resetAt - now).TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Rounded up, so a client never retries before the window has really ended.</summary>
    public static long EpochSeconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() + 999) / 1_000;
}
