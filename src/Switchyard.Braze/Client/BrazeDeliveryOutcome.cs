namespace Switchyard.Braze.Client;

/// <summary>What happened to one item of a <c>/users/track</c> request (design.md "Errors are values").</summary>
public abstract record BrazeDeliveryOutcome;
