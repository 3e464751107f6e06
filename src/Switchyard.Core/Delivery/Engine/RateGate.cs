namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The request budget of one thing a destination limits (design.md "Rate limits are planned"), such as a Braze REST key
/// (3,000 requests per 3 s) or an mParticle endpoint and key: a fixed window of <see cref="Limit"/> requests per
/// <see cref="Window"/>, plus a pause after a 429 so that nothing is sent before the advertised reset. Shared by every
/// output that uses the same limited thing (<see cref="RateGates"/>); thread-safe; timed only by the injected
/// <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Windows are aligned to the Unix epoch (multiples of the window length), as the Braze sandbox's are; destinations do
/// not say how their windows align, so a burst across our window edge can still meet a 429, which then pauses the gate.
/// </remarks>
public sealed class RateGate
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public RateGate(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        ArgumentNullException.ThrowIfNull(time);
        Limit = limit;
        Window = window;
        _time = time;
    }

    /// <summary>Requests allowed per window. Lowered, never raised, when another connection shares the key with a lower limit.</summary>
    public int Limit { get; private set; }

    public TimeSpan Window { get; }

    /// <summary>The end of the current pause, or null when the gate is not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil > _time.GetUtcNow() ? _pausedUntil : null;
            }
        }
    }

    /// <summary>Takes one request from the budget, or says how long to wait before asking again.</summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now < _pausedUntil)
            {
                wait = _pausedUntil - now;
                return false;
            }

            if (now >= _windowEnd)
            {
                var windowTicks = Window.Ticks;
                var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
                _windowEnd = DateTimeOffset.UnixEpoch.AddTicks((sinceEpoch / windowTicks + 1) * windowTicks);
                _used = 0;
            }

            if (_used < Limit)
            {
                _used++;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = _windowEnd - now;
            return false;
        }
    }

    /// <summary>Waits (on the <see cref="TimeProvider"/>) until a request may be sent, and takes it from the budget.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (!TryAcquire(out var wait))
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a 429: no request until <paramref name="until"/> (the advertised reset).
    /// A pause only ever extends; an earlier reset does not shorten it.
    /// </summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>Another output shares the limited thing with a lower limit: the lowest applies.</summary>
    public void LowerLimit(int limit)
    {
        lock (_lock)
        {
            Limit = Math.Min(Limit, limit);
        }
    }
}
