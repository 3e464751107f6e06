namespace Switchyard.Sandbox.Segments;

/// <summary>A user in a segment, by its identifiers.</summary>
internal sealed record SegmentMember(string BrazeId, string? ExternalId);
