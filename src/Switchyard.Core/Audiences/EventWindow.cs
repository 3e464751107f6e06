namespace Switchyard.Core.Audiences;

/// <summary>
/// Which occurrences an event criterion counts by time: all history, a rolling window of N×24h ending now (now
/// included, exactly N×24h ago excluded), or whole UTC days [from, to] (mParticle's recency and dates,
/// reference/mparticle.md §6).
/// </summary>
internal readonly record struct EventWindow(long RollingMs, long FromMs, long ToExclusiveMs)
{
    public const long DayMs = 86_400_000;

    public static EventWindow AllTime => new(0, long.MinValue, long.MaxValue);

    public bool IsAllTime => RollingMs == 0 && FromMs == long.MinValue && ToExclusiveMs == long.MaxValue;

    public static EventWindow Rolling(int days) => new(days * DayMs, long.MinValue, long.MaxValue);

    public static EventWindow Dates(DateOnly from, DateOnly to) => new(0, StartMs(from), StartMs(to) + DayMs);

    public static long StartMs(DateOnly day) => (day.DayNumber - UnixEpoch.DayNumber) * DayMs;

    private static DateOnly UnixEpoch => new(1970, 1, 1);

    public bool Contains(long atMs, long nowMs) =>
        RollingMs > 0 ? atMs > nowMs - RollingMs && atMs <= nowMs : atMs >= FromMs && atMs < ToExclusiveMs;
}
