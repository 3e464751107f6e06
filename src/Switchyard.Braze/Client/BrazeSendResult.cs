namespace Switchyard.Braze.Client;

/// <summary>
/// The answer to one <c>/users/track</c> request, mapped to per-item outcomes in the request's item order.
/// </summary>
/// <param name="StatusCode">The HTTP status, or null when no response arrived (timeout, connection error).</param>
/// <param name="Outcomes">One outcome per item of the request.</param>
/// <param name="RateLimit">The <c>x-ratelimit-*</c> headers, or null when the response had none.</param>
/// <param name="PauseUntil">After a 429: the advertised reset. The caller pauses the whole REST key until then.</param>
public sealed record BrazeSendResult(
    int? StatusCode,
    IReadOnlyList<BrazeItemOutcome> Outcomes,
    BrazeRateLimitHeaders? RateLimit,
    DateTimeOffset? PauseUntil)
{
    /// <summary>The outcome of one item, or null when the item is not in the request.</summary>
    public BrazeDeliveryOutcome? OutcomeOf(long itemId)
    {
        foreach (var outcome in Outcomes)
        {
            if (outcome.ItemId == itemId)
            {
                return outcome.Outcome;
            }
        }

        return null;
    }
}
