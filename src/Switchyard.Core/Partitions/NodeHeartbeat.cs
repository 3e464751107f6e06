namespace Switchyard.Core.Partitions;

/// <summary>A node of the node list and how long ago, on the store's clock, it last sent a heartbeat.</summary>
public sealed record NodeHeartbeat(string NodeId, TimeSpan Age);
