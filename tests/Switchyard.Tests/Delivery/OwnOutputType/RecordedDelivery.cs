namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <summary>One item the recorder was sent: whose it was, which attempt, and what it answered.</summary>
internal sealed record RecordedDelivery(string OutputId, string CustomerId, int Attempt, string Answer);
