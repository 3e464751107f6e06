namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// Rate budgets in this process's memory: right where one process is the only node (SQLite, whose data directory one
/// process holds at a time), and what a <see cref="RateGates"/> uses when it is given no store. It answers at once
/// (completed tasks), so a gate over it never waits for a refill. Nothing survives a restart, which costs nothing: a
/// window lasts seconds.
/// </summary>
public sealed class InProcessRateBudgetStore : IRateBudgetStore
{
    /// <summary>How long a window is remembered after it ended, as the database stores do.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string KeyId, DateTimeOffset Start), (int Used, DateTimeOffset End)> _windows = [];
    private readonly Dictionary<string, DateTimeOffset> _pauses = new(StringComparer.Ordinal);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public ValueTask<RateBudgetGrant> TakeAsync(RateBudgetTake take, CancellationToken cancellationToken)
    {
        take.Validate();
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateBudgetGrant>(cancellationToken);
        }

        lock (_lock)
        {
            if (_pauses.TryGetValue(take.KeyId, out var paused) && paused > take.Now)
            {
                return ValueTask.FromResult(new RateBudgetGrant(0, paused));
            }

            Prune(take);
            var key = (take.KeyId, take.WindowStart);
            var used = _windows.GetValueOrDefault(key).Used;
            var granted = Math.Max(0, Math.Min(take.Wanted, take.Limit - used));
            _windows[key] = (used + granted, take.WindowStart + take.Window);
            return ValueTask.FromResult(new RateBudgetGrant(granted, null));
        }
    }

    /// <inheritdoc />
    public ValueTask PauseAsync(string keyId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        RateBudgetTake.ValidateKeyId(keyId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        lock (_lock)
        {
            if (!_pauses.TryGetValue(keyId, out var paused) || until > paused)
            {
                _pauses[keyId] = until;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>At most once a minute, forgets windows that ended more than <see cref="Keep"/> ago and pauses that ended.</summary>
    private void Prune(RateBudgetTake take)
    {
        if (take.Now - _prunedAt < Keep)
        {
            return;
        }

        _prunedAt = take.Now;
        foreach (var key in _windows.Where(w => w.Value.End + Keep < take.Now).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
        }

        foreach (var keyId in _pauses.Where(p => p.Value < take.Now).Select(p => p.Key).ToList())
        {
            _pauses.Remove(keyId);
        }
    }
}
