namespace Switchyard.Core.Storage;

/// <summary>One batch to append: the input feed it came through, its dedupe key and its raw JSON.</summary>
public sealed record InboxRecord(string FeedId, string? SourceRequestId, ReadOnlyMemory<byte> Payload);
