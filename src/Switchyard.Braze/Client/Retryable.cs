namespace Switchyard.Braze.Client;

/// <summary>
/// The item was not applied and may be sent again: 429, 5xx, a timeout or a connection error (reference/braze.md §1.7).
/// <see cref="RetryAfter"/> is how long Braze asked to wait (429 only); null leaves the backoff to the delivery engine.
/// </summary>
public sealed record Retryable(TimeSpan? RetryAfter, string Reason) : BrazeDeliveryOutcome;
