namespace Switchyard.Core.Delivery.Engine;

/// <summary>What became of one outbox item at its destination (design.md: errors are values).</summary>
public enum ItemOutcomeKind
{
    /// <summary>The destination took it: the item is acknowledged.</summary>
    Delivered,

    /// <summary>Try again later (outage, 429, timeout): rescheduled with backoff, or dead-lettered once too old.</summary>
    Retryable,

    /// <summary>The destination refused it for good: dead-lettered with the reason.</summary>
    Rejected,
}
