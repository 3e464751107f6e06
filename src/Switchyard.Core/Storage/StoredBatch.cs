namespace Switchyard.Core.Storage;

/// <summary>A batch as the inbox holds it.</summary>
public sealed record StoredBatch(long Sequence, string FeedId, string? SourceRequestId, DateTimeOffset ReceivedAt, byte[] Payload);
