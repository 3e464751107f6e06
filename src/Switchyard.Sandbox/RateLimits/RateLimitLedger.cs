using System.Collections.Concurrent;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// Fixed-window counters per REST key and endpoint class, timed by the sandbox's <see cref="TimeProvider"/> so tests
/// can use a fake clock (System.Threading.RateLimiting's limiters keep their own clock and expose no window end).
/// <see cref="Reset"/> restores the configured limits and forgets all counts (hook for <c>POST /_sandbox/reset</c>).
/// </summary>
internal sealed class RateLimitLedger(SandboxControlSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Key, RateLimitClass Class), FixedWindowCounter> _counters = new();
    private SandboxRateLimitOptions _options = settings.RateLimits;

    public SandboxRateLimitOptions Options => Volatile.Read(ref _options);

    public RateLimitDecision Acquire(string key, RateLimitClass limitClass)
    {
        var options = Options;
        var counter = _counters.GetOrAdd((key, limitClass), static _ => new FixedWindowCounter());
        return counter.Acquire(time.GetUtcNow(), options.LimitFor(limitClass), options.Enabled);
    }

    /// <summary>The headers' values for <paramref name="key"/> without counting a request.</summary>
    public RateLimitDecision Peek(string key, RateLimitClass limitClass)
    {
        var options = Options;
        return _counters.TryGetValue((key, limitClass), out var counter)
            ? counter.Peek(time.GetUtcNow(), options.LimitFor(limitClass))
            : new FixedWindowCounter().Peek(time.GetUtcNow(), options.LimitFor(limitClass));
    }

    /// <summary>New limits start from fresh windows: every count is dropped.</summary>
    public void Replace(SandboxRateLimitOptions options)
    {
        Volatile.Write(ref _options, options);
        _counters.Clear();
    }

    public void Reset() => Replace(settings.RateLimits);
}
