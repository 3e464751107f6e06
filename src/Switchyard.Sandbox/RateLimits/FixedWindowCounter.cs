namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// Counts requests of one REST key and class in fixed windows aligned to the Unix epoch, so the window end
/// (the x-ratelimit-reset value) is a whole second and the same for every request in the window.
/// </summary>
internal sealed class FixedWindowCounter
{
    private readonly Lock _gate = new();
    private long _windowStartMs = long.MinValue;
    private long _windowMs;
    private int _count;

    /// <param name="now">The current time from the sandbox's <see cref="TimeProvider"/>.</param>
    /// <param name="limit">The limit in force.</param>
    /// <param name="enforce">False counts and reports without ever refusing.</param>
    public RateLimitDecision Acquire(DateTimeOffset now, SandboxRateLimit limit, bool enforce)
    {
        var windowMs = limit.WindowSeconds * 1_000L;
        var nowMs = now.ToUnixTimeMilliseconds();
        var startMs = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
        var resetAt = DateTimeOffset.FromUnixTimeMilliseconds(startMs + windowMs);
        lock (_gate)
        {
            if (startMs != _windowStartMs || windowMs != _windowMs)
            {
                _windowStartMs = startMs;
                _windowMs = windowMs;
                _count = 0;
            }

            if (enforce && _count >= limit.Limit)
            {
                return new RateLimitDecision(false, limit.Limit, 0, resetAt);
            }

            _count++;
            return new RateLimitDecision(true, limit.Limit, Math.Max(0, limit.Limit - _count), resetAt);
        }
    }

    /// <summary>What the headers would report now, without counting a request (for answers that are not counted).</summary>
    public RateLimitDecision Peek(DateTimeOffset now, SandboxRateLimit limit)
    {
        var windowMs = limit.WindowSeconds * 1_000L;
        var nowMs = now.ToUnixTimeMilliseconds();
        var startMs = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
        var resetAt = DateTimeOffset.FromUnixTimeMilliseconds(startMs + windowMs);
        lock (_gate)
        {
            var used = startMs == _windowStartMs && windowMs == _windowMs ? _count : 0;
            return new RateLimitDecision(true, limit.Limit, Math.Max(0, limit.Limit - used), resetAt);
        }
    }
}
