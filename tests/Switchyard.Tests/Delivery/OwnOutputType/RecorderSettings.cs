namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <param name="RetryFirst">How many attempts of each item the recorder answers "try again" before it takes the item.</param>
/// <param name="Reject">Customer ids the recorder refuses for good.</param>
internal sealed record RecorderSettings(int RetryFirst, IReadOnlyList<string> Reject);
