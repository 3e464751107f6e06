namespace Switchyard.Braze.Client;

/// <summary>One item of a request and its outcome.</summary>
public readonly record struct BrazeItemOutcome(long ItemId, BrazeDeliveryOutcome Outcome);
