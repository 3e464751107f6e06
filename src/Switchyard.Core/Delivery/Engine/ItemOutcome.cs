using System.Globalization;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>An output's answer for one outbox item; the engine settles the item by it.</summary>
/// <param name="RetryAfter">Retryable: the least wait the destination asked for (Retry-After, a 429's reset), if any.</param>
/// <param name="Reason">Retryable and Rejected: why, kept with the item or its dead letter. Never a secret.</param>
public readonly record struct ItemOutcome(ItemOutcomeKind Kind, TimeSpan? RetryAfter, string? Reason)
{
    public static ItemOutcome Delivered { get; } = new(ItemOutcomeKind.Delivered, null, null);

    public static ItemOutcome Retryable(string reason, TimeSpan? retryAfter = null) => new(ItemOutcomeKind.Retryable, retryAfter, reason);

    public static ItemOutcome Rejected(string reason) => new(ItemOutcomeKind.Rejected, null, reason);

    public override string ToString() => Kind switch
    {
        ItemOutcomeKind.Delivered => "Delivered",
        ItemOutcomeKind.Retryable when RetryAfter is { } after => $"Retryable after {after.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {Reason}",
        _ => $"{Kind}: {Reason}",
    };
}
