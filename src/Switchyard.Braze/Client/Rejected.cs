namespace Switchyard.Braze.Client;

/// <summary>Braze refused the item and sending it again will not help: dead-letter it (reference/braze.md §1.7, §8).</summary>
public sealed record Rejected(string Reason) : BrazeDeliveryOutcome;
