namespace Switchyard.Core.Storage;

/// <summary>Batches stored after a consumer's checkpoint, and when the oldest of them was received (null when none).</summary>
public sealed record InboxBacklog(long Batches, DateTimeOffset? OldestReceivedAt);
