using System.Globalization;
using Switchyard.Braze.Client;
using Switchyard.Core.Delivery;

namespace Switchyard.Braze.Engine;

internal sealed partial class DeliveryCycle
{
    /// <summary>
    /// Gives each prepared item the combined outcome of its parts and settles it: delivered items are acknowledged
    /// (after the ledgers), retryable ones rescheduled with backoff or given up after <see cref="BrazeDeliveryOptions.MaxAge"/>,
    /// rejected ones dead-lettered. An item with a part that was not sent stays queued untouched for the next pass.
    /// </summary>
    private void Settle(IReadOnlyList<PreparedItem> prepared, IReadOnlyList<DeliveryPart> parts, Dictionary<int, BrazeDeliveryOutcome> outcomes, DeliveryPass pass)
    {
        var partsOf = new Dictionary<long, List<int>>();
        for (var i = 0; i < parts.Count; i++)
        {
            foreach (var item in parts[i].Items)
            {
                if (!partsOf.TryGetValue(item.Item.Id, out var list))
                {
                    partsOf[item.Item.Id] = list = [];
                }

                list.Add(i);
            }
        }

        var now = _time.GetUtcNow();
        var delivered = new List<OutboxItem>();
        foreach (var item in prepared.Select(p => p.Item))
        {
            var outcome = Combined(partsOf.GetValueOrDefault(item.Id), outcomes);
            switch (outcome)
            {
                case Delivered:
                    delivered.Add(item);
                    break;
                case null:
                    // Not sent this pass (an earlier request must be retried): no attempt was made, nothing to count.
                    pass.Blocked.Add(item.Mpid);
                    pass.Waiting.Add(item.Mpid);
                    break;
                case Retryable when pass.Waiting.Contains(item.Mpid):
                    // An earlier item of this user is waiting for its retry; this one waits behind it untouched.
                    break;
                case Retryable retryable:
                    Retry(item, retryable, now, pass);
                    break;
                case Rejected rejected:
                    DeadLetter(item, rejected.Reason, pass);
                    break;
            }
        }

        if (delivered.Count > 0)
        {
            _store.Acknowledge(delivered.Select(i => i.Id).ToArray());
            var ackMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var item in delivered)
            {
                _metrics.Latency.Record(Math.Max(0, ackMs - item.CreatedAtMs), _tag);
            }

            _metrics.ItemsDelivered.Add(delivered.Count, _tag);
            pass.Settled += delivered.Count;
        }
    }

    /// <summary>Delivered when nothing was left to send; null when some part was not sent (unless one was rejected).</summary>
    private static BrazeDeliveryOutcome? Combined(List<int>? partIndexes, Dictionary<int, BrazeDeliveryOutcome> outcomes)
    {
        if (partIndexes is null)
        {
            return Delivered.Instance;
        }

        BrazeDeliveryOutcome? combined = null;
        var unsent = false;
        foreach (var index in partIndexes)
        {
            if (!outcomes.TryGetValue(index, out var outcome))
            {
                unsent = true;
                continue;
            }

            combined = combined is null ? outcome : BrazeOutcomes.Combine(combined, outcome);
        }

        return combined is Rejected ? combined : unsent ? null : combined;
    }

    private void Retry(OutboxItem item, Retryable retryable, DateTimeOffset now, DeliveryPass pass)
    {
        var attempts = item.Attempts + 1;
        var age = TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - item.CreatedAtMs);
        if (age > _options.MaxAge)
        {
            DeadLetter(item, $"gave up after {attempts.ToString(CultureInfo.InvariantCulture)} attempts over {age.ToString("c", CultureInfo.InvariantCulture)}: {retryable.Reason}", pass);
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
            _store.Reschedule(item.Id, (now + wait).ToUnixTimeMilliseconds(), retryable.Reason);
        }
        catch (InvalidOperationException gone)
        {
            Log.ItemGone(_logger, _outputId, item.Id, gone.Message);
            return;
        }

        _metrics.ItemsRetried.Add(1, _tag);
    }

    /// <summary>Exponential from <see cref="BrazeDeliveryOptions.InitialBackoff"/>, capped, ± jitter.</summary>
    internal TimeSpan Backoff(int failedBefore)
    {
        var exponent = Math.Min(failedBefore, 30);
        var ticks = Math.Min(_options.InitialBackoff.Ticks * Math.Pow(2, exponent), _options.MaxBackoff.Ticks);
        var factor = 1 + ((_random.NextDouble() * 2) - 1) * _options.Jitter;
        return TimeSpan.FromTicks((long)(ticks * factor));
    }
}
