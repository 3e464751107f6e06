namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>A batch a flush stores: its sequence and partition are given when the flush takes its sequences.</summary>
internal sealed record NewRow(string FeedId, string? SourceRequestId, byte[] Payload, bool Historical, string? PartitionKey);
