using System.Globalization;

namespace Switchyard.Core.Delivery.Engine;

public sealed partial class DeliveryEngine
{
    /// <summary>
    /// Settles each claimed item by the outcome its sender gave: delivered items are acknowledged together, retryable ones
    /// rescheduled with backoff or given up after <see cref="DeliveryOptions.MaxAge"/>, rejected ones dead-lettered. An
    /// item without an outcome was not sent this pass: it stays queued untouched, and its user's later items wait.
    /// </summary>
    private void Settle(IReadOnlyList<OutboxItem> items, DeliveryPass pass)
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
                    Retry(item, outcome, now, pass);
                    break;
                default:
                    DeadLetter(item, outcome.Reason ?? "rejected", pass, logged: false);
                    break;
            }
        }

        if (delivered.Count > 0)
        {
            _store.Acknowledge(delivered.Select(i => i.Id).ToArray());
            var ackMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var item in delivered)
            {
                _metrics.Latency.Record(Math.Max(0, ackMs - item.CreatedAtMs), Tag);
            }

            _metrics.ItemsDelivered.Add(delivered.Count, Tag);
            pass.Settled += delivered.Count;
        }
    }

    private void Retry(OutboxItem item, ItemOutcome retryable, DateTimeOffset now, DeliveryPass pass)
    {
        var attempts = item.Attempts + 1;
        var reason = retryable.Reason ?? "retryable";
        var age = TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - item.CreatedAtMs);
        if (age > _options.MaxAge)
        {
            DeadLetter(item, $"gave up after {attempts.ToString(CultureInfo.InvariantCulture)} attempts over {age.ToString("c", CultureInfo.InvariantCulture)}: {reason}", pass, logged: false);
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
            _store.Reschedule(item.Id, (now + wait).ToUnixTimeMilliseconds(), reason);
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
        var factor = 1 + ((_random.NextDouble() * 2) - 1) * _options.Jitter;
        return TimeSpan.FromTicks((long)(ticks * factor));
    }

    /// <summary>Dead-letters an item with a copy of its batch; the user's later items in this pass wait.</summary>
    internal void DeadLetter(OutboxItem item, string reason, DeliveryPass pass, bool logged)
    {
        pass.Blocked.Add(item.Mpid);
        pass.Settled++;
        try
        {
            _store.DeadLetter(item.Id, reason, _time.GetUtcNow().ToUnixTimeMilliseconds(), pass.Batches.GetValueOrDefault(item.Id));
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

    internal void Skip(OutboxItem item, DeliveryPass pass)
    {
        _store.Acknowledge([item.Id]);
        _metrics.ItemsSkipped.Add(1, Tag);
        pass.Settled++;
    }
}
