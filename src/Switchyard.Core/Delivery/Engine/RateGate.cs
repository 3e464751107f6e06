using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The request budget of one thing a destination limits (design.md "Rate limits are planned"), such as a Braze REST key
/// (3,000 requests per 3 s) or an mParticle endpoint and key: a fixed window of <see cref="Limit"/> requests per
/// <see cref="Window"/>, plus a pause after a 429 so that nothing is sent before the advertised reset. Shared by every
/// output of the process that uses the same limited thing (<see cref="RateGates"/>), and through its
/// <see cref="IRateBudgetStore"/> by every node on the same storage; thread-safe; timed only by the injected
/// <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// Windows are aligned to the Unix epoch (multiples of the window length), as the Braze sandbox's are, so every node
/// names the same window alike; destinations do not say how their windows align, so a burst across our window edge can
/// still meet a 429, which then pauses the key on every node.
/// </para>
/// <para>
/// The gate draws permits from the shared budget in slices of <see cref="SliceSize"/> (one round trip to the store per
/// slice, never one per request) and hands them out from memory. A slice's permits left unused when its window ends are
/// lost, never given back: the nodes together then send fewer requests than the limit, never more. A pause recorded by
/// another node is learnt at the next slice.
/// </para>
/// <para>
/// When the store fails, the gate grants nothing more of the current key until the store answers again (it retries after
/// 100 ms, doubling up to 2 s, and logs the failure once and the recovery once): without the store no node can know what
/// the others sent, and on PostgreSQL the outbox lives in the same database, so delivery could not go on anyway.
/// Permits already held are still used.
/// </para>
/// </remarks>
public sealed class RateGate
{
    /// <summary>A slice is this fraction of the limit (2%): at most 2% of a window per node is lost to unused slices.</summary>
    private const int SliceDivisor = 50;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    /// <summary>What <see cref="TryAcquire"/> says to wait while a slice is being fetched.</summary>
    private static readonly TimeSpan RefillWait = TimeSpan.FromMilliseconds(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly IRateBudgetStore _budget;
    private readonly string _keyId;
    private readonly ILogger _logger;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _held;
    private bool _spent;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private Task? _refill;
    private int _failures;
    private DateTimeOffset _failingSince;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>A gate of this process alone (its budget in memory), as for a single node.</summary>
    public RateGate(int limit, TimeSpan window, TimeProvider time)
        : this(limit, window, time, new InProcessRateBudgetStore(), "local", NullLogger.Instance)
    {
    }

    /// <summary>A gate drawing from <paramref name="budget"/>, shared with every gate that uses the same key id there.</summary>
    /// <param name="keyId">The key's id in the store: a hash, never the key (<see cref="RateGates"/> passes its SHA-256).</param>
    public RateGate(int limit, TimeSpan window, TimeProvider time, IRateBudgetStore budget, string keyId, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(budget);
        RateBudgetTake.ValidateKeyId(keyId);
        ArgumentNullException.ThrowIfNull(logger);
        Limit = limit;
        Window = window;
        _time = time;
        _budget = budget;
        _keyId = keyId;
        _logger = logger;
    }

    /// <summary>Requests allowed per window. Lowered, never raised, when another connection shares the key with a lower limit.</summary>
    public int Limit { get; private set; }

    public TimeSpan Window { get; }

    /// <summary>Permits taken from the shared budget per round trip to the store: 2% of the limit, at least 1.</summary>
    public int SliceSize => Math.Max(1, Limit / SliceDivisor);

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

    /// <summary>A short form of the key id for logs (it is a hash, so this is no secret either).</summary>
    private string KeyLabel => _keyId.Length > 12 ? _keyId[..12] : _keyId;

    /// <summary>
    /// Takes one request from the budget without waiting, or says how long to wait before asking again. When the gate
    /// holds no permit it asks the store for a slice; a store that answers at once (the in-process one) is used at once,
    /// otherwise this returns false with a short wait while the slice is on its way.
    /// </summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        for (var round = 0; ; round++)
        {
            Task? pending;
            Refill? refill;
            lock (_lock)
            {
                if (TakeHeld(out wait, out pending, out refill))
                {
                    return true;
                }
            }

            if (refill is not null)
            {
                pending = RefillAsync(refill);
            }

            if (pending is null)
            {
                return false;
            }

            if (!pending.IsCompleted || round > 0)
            {
                wait = RefillWait;
                return false;
            }
        }
    }

    /// <summary>Waits (on the <see cref="TimeProvider"/>, or for a slice from the store) until a request may be sent, and takes it.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? pending;
            Refill? refill;
            TimeSpan wait;
            lock (_lock)
            {
                if (TakeHeld(out wait, out pending, out refill))
                {
                    return;
                }
            }

            if (refill is not null)
            {
                pending = RefillAsync(refill);
            }

            if (pending is not null)
            {
                await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After a 429: no request until <paramref name="until"/> (the advertised reset), here at once and on every other node
    /// once it next draws from the shared budget. A pause only ever extends; an earlier reset does not shorten it. Never
    /// throws: when the store cannot record the pause it is logged, and this node keeps it anyway.
    /// </summary>
    public async ValueTask PauseUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (until <= _pausedUntil)
            {
                return;
            }

            _pausedUntil = until;
        }

        try
        {
            await _budget.PauseAsync(_keyId, until, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the pause holds on this node until it stops, which is all that is left to do.
        }
        catch (Exception e)
        {
            // Whatever the store threw, the pause holds on this node; the others meet their own 429 at worst.
            Log.RateBudgetPauseNotShared(_logger, KeyLabel, until, e);
        }
    }

    /// <summary>Another output shares the limited thing with a lower limit: the lowest applies.</summary>
    public void LowerLimit(int limit)
    {
        lock (_lock)
        {
            Limit = Math.Min(Limit, limit);
            _held = Math.Min(_held, Limit);
        }
    }

    /// <summary>
    /// Under the lock: takes a held permit, or says what to do instead: wait <paramref name="wait"/>, await
    /// <paramref name="pending"/> (a slice on its way), or fetch a slice (<paramref name="refill"/>, already registered as
    /// the pending one).
    /// </summary>
    private bool TakeHeld(out TimeSpan wait, out Task? pending, out Refill? refill)
    {
        pending = null;
        refill = null;
        wait = TimeSpan.Zero;
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
            _windowStart = DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch / windowTicks * windowTicks);
            _windowEnd = _windowStart + Window;
            _held = 0;
            _spent = false;
        }

        if (_held > 0)
        {
            _held--;
            return true;
        }

        if (_spent)
        {
            wait = _windowEnd - now;
            return false;
        }

        if (_refill is not null)
        {
            pending = _refill;
            return false;
        }

        if (now < _retryAt)
        {
            wait = _retryAt - now;
            return false;
        }

        refill = new Refill(new RateBudgetTake(_keyId, _windowStart, Window, SliceSize, Limit, now));
        _refill = refill.Done.Task;
        return false;
    }

    /// <summary>Asks the store for a slice and applies the answer; never throws (a failure is logged and retried later).</summary>
    private async Task RefillAsync(Refill refill)
    {
        RateBudgetGrant? grant = null;
        Exception? failure = null;
        try
        {
            // Not the caller's token: other callers wait for the same slice. The store's own timeouts bound the call.
            grant = await _budget.TakeAsync(refill.Take, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Any store failure is met the same way: log, hold back, retry.
            failure = e;
        }

        try
        {
            if (grant is { } granted)
            {
                Apply(refill.Take, granted);
            }
            else
            {
                Fail(failure!);
            }
        }
        finally
        {
            refill.Done.SetResult();
        }
    }

    private void Apply(RateBudgetTake take, RateBudgetGrant grant)
    {
        TimeSpan? recoveredAfter = null;
        lock (_lock)
        {
            _refill = null;
            if (_failures > 0)
            {
                recoveredAfter = _time.GetUtcNow() - _failingSince;
                _failures = 0;
                _retryAt = DateTimeOffset.MinValue;
            }

            if (grant.PausedUntil is { } paused && paused > _pausedUntil)
            {
                _pausedUntil = paused;
            }

            // A slice that arrives after its window ended is of no use: the next take asks for the new window.
            if (take.WindowStart == _windowStart)
            {
                _held += grant.Granted;
                _spent = grant.Granted < take.Wanted && grant.PausedUntil is null;
            }
        }

        if (recoveredAfter is { } duration)
        {
            Log.RateBudgetRecovered(_logger, KeyLabel, duration);
        }
    }

    private void Fail(Exception failure)
    {
        int failures;
        TimeSpan wait;
        DateTimeOffset since;
        lock (_lock)
        {
            _refill = null;
            var now = _time.GetUtcNow();
            if (_failures == 0)
            {
                _failingSince = now;
            }

            failures = ++_failures;
            since = _failingSince;
            wait = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 16)));
            _retryAt = now + wait;
        }

        if (failures == 1)
        {
            Log.RateBudgetFailing(_logger, KeyLabel, since, wait, failure);
        }
        else
        {
            Log.RateBudgetStillFailing(_logger, KeyLabel, failures, wait);
        }
    }

    /// <summary>A slice being fetched: what was asked, and the task every waiter for it awaits.</summary>
    private sealed class Refill(RateBudgetTake take)
    {
        public RateBudgetTake Take { get; } = take;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
