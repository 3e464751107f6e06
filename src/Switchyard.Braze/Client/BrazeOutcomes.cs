namespace Switchyard.Braze.Client;

/// <summary>Combining outcomes of one item that was split across requests (docs/braze-client.md, Packing).</summary>
public static class BrazeOutcomes
{
    /// <summary>
    /// The item's overall outcome: <see cref="Rejected"/> if any part was rejected (the first reason), else
    /// <see cref="Retryable"/> if any part must be retried (the longest wait), else <see cref="Delivered"/>.
    /// </summary>
    public static BrazeDeliveryOutcome Combine(BrazeDeliveryOutcome first, BrazeDeliveryOutcome second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return (first, second) switch
        {
            (Rejected, _) => first,
            (_, Rejected) => second,
            (Retryable a, Retryable b) => (b.RetryAfter ?? TimeSpan.Zero) > (a.RetryAfter ?? TimeSpan.Zero) ? b : a,
            (Retryable, _) => first,
            (_, Retryable) => second,
            _ => first,
        };
    }

    /// <summary>One outcome per item over several results (the requests of one <c>Pack</c> call), in first-seen order.</summary>
    public static IReadOnlyList<BrazeItemOutcome> PerItem(IEnumerable<BrazeSendResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var order = new List<long>();
        var combined = new Dictionary<long, BrazeDeliveryOutcome>();
        foreach (var (itemId, outcome) in results.SelectMany(r => r.Outcomes))
        {
            if (combined.TryGetValue(itemId, out var earlier))
            {
                combined[itemId] = Combine(earlier, outcome);
            }
            else
            {
                order.Add(itemId);
                combined[itemId] = outcome;
            }
        }

        return order.Select(id => new BrazeItemOutcome(id, combined[id])).ToArray();
    }
}
