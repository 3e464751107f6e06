using System.Globalization;

namespace Switchyard.Braze.Client;

public sealed partial class BrazeTrackClient
{
    /// <summary>
    /// <c>X-RateLimit-Limit/-Remaining/-Reset</c> (reset in epoch seconds), sent lower-case under HTTP/2 (reference/braze.md §1.8);
    /// header lookup ignores case. Unreadable values count as absent.
    /// </summary>
    internal static BrazeRateLimitHeaders? ReadRateLimit(HttpResponseMessage response)
    {
        var limit = ReadNumber(response, "x-ratelimit-limit");
        var remaining = ReadNumber(response, "x-ratelimit-remaining");
        var reset = ReadNumber(response, "x-ratelimit-reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetAt = reset is { } seconds && seconds >= 0 && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;
        return new BrazeRateLimitHeaders(
            limit is { } l ? (long)l : null,
            remaining is { } r ? (long)r : null,
            resetAt);
    }

    private static double? ReadNumber(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return number;
            }
        }

        return null;
    }
}
