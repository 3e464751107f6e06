namespace Switchyard.Braze.Client;

/// <summary>How a <c>/users/delete</c> call went: sent (Braze queued the deletion), retryable, or refused for good.</summary>
public sealed record BrazeDeleteOutcome(BrazeDeleteResult Result, string? Error = null, TimeSpan? RetryAfter = null);

public enum BrazeDeleteResult
{
    Sent,
    Retryable,
    Refused,
}
