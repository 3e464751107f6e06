using System.Globalization;

namespace Switchyard.Core.Delivery.Engine;

public sealed partial class DeliveryEngine
{
    /// <summary>
    /// Settles each claimed item by the outcome its sender gave: delivered items are acknowledged together, retryable ones
    /// rescheduled with backoff or given up after <see cref="DeliveryOptions.MaxAge"/>, rejected ones dead-lettered. An
    /// item without an outcome was not sent this pass: it stays queued untouched, and its user's later items wait.
    /// </summary>
    /// <remarks>
    /// Settling takes no cancellation token: once the destination has answered, what it answered is settled even while
    /// the host stops (a pass cancelled mid-send still acknowledges what was delivered).
    /// </remarks>
    private async Task SettleAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass)
    {
        var now = _time.GetUtcNow();
        var delivered = new List<OutboxItem>();
        foreach (var item in items)
        {
            if (pass.SettledEarly.Contains(item.Id))
            {
                continue;
            }

            if (!pass.Outcomes.TryGetValue(item.Id, out var outcome))
            {
                // Not sent this pass (an earlier request must be retried, or the user waits behind an earlier item): no
                // attempt was made, nothing to count.
                pass.Blocked.Add(item.Mpid);
                pass.Waiting.Add(item.Mpid);
                continue;
            }

            switch (outcome.Kind)
            {
                case ItemOutcomeKind.Delivered:
                    delivered.Add(item);
                    break;
                case ItemOutcomeKind.Retryable when pass.Waiting.Contains(item.Mpid):
                    // An earlier item of this user is waiting for its retry; this one waits behind it untouched.
                    break;
                case ItemOutcomeKind.Retryable:
                    await RetryAsync(item, outcome, now, pass).ConfigureAwait(false);
                    break;
                default:
                    await DeadLetterAsync(item, outcome.Reason ?? "rejected", pass, logged: false, CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }

        if (delivered.Count > 0)
        {
            await _store.AcknowledgeAsync(delivered.Select(i => i.Id).ToArray(), CancellationToken.None).ConfigureAwait(false);
            var ackMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var item in delivered)
            {
                _metrics.Latency.Record(Math.Max(0, ackMs - item.CreatedAtMs), Tag);
            }

            _metrics.ItemsDelivered.Add(delivered.Count, Tag);
            pass.Settled += delivered.Count;
        }
    }

    private async Task RetryAsync(OutboxItem item, ItemOutcome retryable, DateTimeOffset now, DeliveryPass pass)
    {
        var attempts = item.Attempts + 1;
        var reason = retryable.Reason ?? "retryable";
        var age = TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - item.CreatedAtMs);
        if (age > _options.MaxAge)
        {
            await DeadLetterAsync(item, $"gave up after {attempts.ToString(CultureInfo.InvariantCulture)} attempts over {age.ToString("c", CultureInfo.InvariantCulture)}: {reason}", pass, logged: false, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var wait = Backoff(item.Attempts);
        if (retryable.RetryAfter is { } retryAfter && retryAfter > wait)
        {
            wait = retryAfter;
        }

        pass.Blocked.Add(item.Mpid);
        pass.Waiting.Add(item.Mpid);
        pass.Settled++;
        try
        {
            await _store.RescheduleAsync(item.Id, (now + wait).ToUnixTimeMilliseconds(), reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException gone)
        {
            Log.ItemGone(_logger, OutputId, item.Id, gone.Message);
            return;
        }

        _metrics.ItemsRetried.Add(1, Tag);
    }

    /// <summary>Exponential from <see cref="DeliveryOptions.InitialBackoff"/>, capped, ± jitter.</summary>
    public TimeSpan Backoff(int failedBefore)
    {
        var exponent = Math.Min(failedBefore, 30);
        var ticks = Math.Min(_options.InitialBackoff.Ticks * Math.Pow(2, exponent), _options.MaxBackoff.Ticks);
        double draw;
        lock (_randomLock)
        {
            // Request groups settle side by side; a seeded Random is not thread-safe.
            draw = _random.NextDouble();
        }

        var factor = 1 + ((draw * 2) - 1) * _options.Jitter;
        return TimeSpan.FromTicks((long)(ticks * factor));
    }

    /// <summary>Dead-letters an item with a copy of its batch; the user's later items in this pass wait.</summary>
    internal async Task DeadLetterAsync(OutboxItem item, string reason, DeliveryPass pass, bool logged, CancellationToken cancellationToken)
    {
        pass.Blocked.Add(item.Mpid);
        pass.Settled++;
        try
        {
            await _store.DeadLetterAsync(item.Id, reason, _time.GetUtcNow().ToUnixTimeMilliseconds(), pass.Batches.GetValueOrDefault(item.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException gone)
        {
            // Settled by someone else meanwhile (an admin action, a replaced engine): nothing left to do for this item.
            Log.ItemGone(_logger, OutputId, item.Id, gone.Message);
            return;
        }

        _metrics.ItemsDeadLettered.Add(1, Tag);
        if (!logged)
        {
            _health.DeadLettered(item.Id, item.Mpid, reason);
        }
    }

    internal async Task SkipAsync(OutboxItem item, DeliveryPass pass, CancellationToken cancellationToken)
    {
        await _store.AcknowledgeAsync([item.Id], cancellationToken).ConfigureAwait(false);
        _metrics.ItemsSkipped.Add(1, Tag);
        pass.Settled++;
    }
}
