using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.Cli;

/// <summary>
/// How long the CLI waits before it sends a request again after a 429, a 5xx or a lost connection: what the server's
/// <c>Retry-After</c> asks for when it says (RFC 9110 §10.2.3, seconds or a date), otherwise an exponential backoff
/// from half a second, doubling up to 30 seconds.
/// </summary>
internal static class RetryDelay
{
    /// <summary>Attempts per request before the CLI gives up on it and counts it as refused.</summary>
    public const int MaxAttempts = 8;

    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public static TimeSpan After(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var asked = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        if (asked is { } wait)
        {
            // Honoured as given (never sooner), but not forever: a server asking for hours is treated as 'later'.
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Longest ? Longest : wait;
        }

        var backoff = First * Math.Pow(2, Math.Min(attempt - 1, 10));
        return backoff > Longest ? Longest : backoff;
    }
}
