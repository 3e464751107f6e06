using Microsoft.Extensions.Logging;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// What an output's delivery is going through, logged once per change of state (the destination failing and recovered, a
/// 429 pause, the store failing and recovered) rather than once per request, and dead letters at most
/// <see cref="DeadLettersLoggedPerWindow"/> a minute with a summary of the rest. Also holds the store's retry clock:
/// while the store fails, the engine sends nothing until <see cref="StoreRetryAt"/>.
/// </summary>
internal sealed class OutputHealth(string outputId, ILogger logger, TimeProvider time, DeliveryOptions options)
{
    internal const int DeadLettersLoggedPerWindow = 10;
    private static readonly TimeSpan DeadLetterWindow = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _destinationFailingSince;
    private DateTimeOffset _loggedPauseUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _deadLetterWindowStart = DateTimeOffset.MinValue;
    private int _deadLettersLogged;
    private long _deadLettersUnlogged;
    private DateTimeOffset? _storeFailingSince;
    private int _storeFailures;

    // Requests of one output answer concurrently (DeliveryOptions.MaxInFlight): what they note is serialised.
    private readonly Lock _lock = new();

    /// <summary>While the store fails: when to try it again. Null when it works.</summary>
    public DateTimeOffset? StoreRetryAt { get; private set; }

    public bool StoreFailing => _storeFailingSince is not null;

    /// <summary>Notes one answered (or failed) request: the destination failing or recovered, and a new 429 pause.</summary>
    public void RequestAnswered(RequestReport result)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (result.PauseUntil is { } until && until > _loggedPauseUntil && now >= _loggedPauseUntil)
            {
                // A pause that extends one already logged is the same episode; a pause after the last one ended is new.
                Log.RateLimited(logger, outputId, until);
            }

            if (result.PauseUntil is { } pause && pause > _loggedPauseUntil)
            {
                _loggedPauseUntil = pause;
            }

            if (result.StatusCode is >= 200 and < 300)
            {
                if (_destinationFailingSince is { } since)
                {
                    Log.DestinationRecovered(logger, outputId, now - since);
                    _destinationFailingSince = null;
                }

                return;
            }

            if (result.StatusCode != 429 && _destinationFailingSince is null && result.RetryReason is { } reason)
            {
                _destinationFailingSince = now;
                Log.DestinationFailing(logger, outputId, now, reason);
            }
        }
    }

    /// <summary>Logs a dead letter, at most <see cref="DeadLettersLoggedPerWindow"/> a minute; the rest are counted and summarised.</summary>
    public void DeadLettered(long itemId, long mpid, string reason)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _deadLetterWindowStart >= DeadLetterWindow)
            {
                if (_deadLettersUnlogged > 0)
                {
                    Log.DeadLettersSummarised(logger, outputId, _deadLettersUnlogged, _deadLetterWindowStart);
                }

                _deadLetterWindowStart = now;
                _deadLettersLogged = 0;
                _deadLettersUnlogged = 0;
            }

            if (_deadLettersLogged < DeadLettersLoggedPerWindow)
            {
                _deadLettersLogged++;
                Log.DeadLettered(logger, outputId, itemId, mpid, reason);
            }
            else
            {
                _deadLettersUnlogged++;
            }
        }
    }

    /// <summary>The store failed: back off exponentially (<see cref="DeliveryOptions.InitialBackoff"/> up to <see cref="DeliveryOptions.MaxStoreBackoff"/>).</summary>
    public void StoreFailed(Exception exception)
    {
        var now = time.GetUtcNow();
        var exponent = Math.Min(_storeFailures, 30);
        var wait = TimeSpan.FromTicks((long)Math.Min(options.InitialBackoff.Ticks * Math.Pow(2, exponent), options.MaxStoreBackoff.Ticks));
        _storeFailures++;
        StoreRetryAt = now + wait;
        var reason = $"{exception.GetType().Name}: {exception.Message}";
        if (_storeFailingSince is null)
        {
            _storeFailingSince = now;
            Log.StoreFailing(logger, outputId, now, reason, wait, exception);
        }
        else
        {
            Log.StoreStillFailing(logger, outputId, _storeFailures, reason, wait);
        }
    }

    /// <summary>The store took a write again.</summary>
    public void StoreWorked()
    {
        if (_storeFailingSince is { } since)
        {
            Log.StoreRecovered(logger, outputId, time.GetUtcNow() - since);
        }

        _storeFailingSince = null;
        _storeFailures = 0;
        StoreRetryAt = null;
    }
}
