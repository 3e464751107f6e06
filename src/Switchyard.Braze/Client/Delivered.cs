namespace Switchyard.Braze.Client;

/// <summary>Braze accepted every object of the item (it queues them; reference/braze.md §1.1).</summary>
public sealed record Delivered : BrazeDeliveryOutcome
{
    public static Delivered Instance { get; } = new();
}
