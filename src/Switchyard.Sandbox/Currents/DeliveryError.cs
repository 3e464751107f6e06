namespace Switchyard.Sandbox.Currents;

/// <summary>The last failed delivery attempt: when, the HTTP status if there was a response, and what happened.</summary>
internal sealed record DeliveryError(DateTimeOffset At, int? Status, string Message);
