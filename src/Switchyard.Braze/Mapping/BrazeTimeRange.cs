namespace Switchyard.Braze.Mapping;

/// <summary>
/// Client times as Braze can take them. The Events API documents no bounds for its int64 timestamps, so ingest accepts
/// any (docs/events-api.md), while a Braze time is an ISO-8601 date (reference/braze.md §1.5). A time before 1970 becomes
/// the epoch and one further ahead of now than the clock-skew allowance becomes now, the same bounds processing puts on
/// client times (Switchyard.Core's <c>ClientTime</c>); Braze itself moves a future time to now (§1.5).
/// </summary>
internal static class BrazeTimeRange
{
    /// <summary>How far ahead of now a client clock may be before its times are clamped (as in processing).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>The time of <paramref name="ms"/>, clamped into range; false when it had to be clamped.</summary>
    public static bool TryGet(long ms, DateTimeOffset now, out DateTimeOffset time)
    {
        if (ms < 0)
        {
            time = DateTimeOffset.UnixEpoch;
            return false;
        }

        var latest = now <= DateTimeOffset.MaxValue - MaxClockSkew ? now + MaxClockSkew : DateTimeOffset.MaxValue;
        if (ms > latest.ToUnixTimeMilliseconds())
        {
            time = now;
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
