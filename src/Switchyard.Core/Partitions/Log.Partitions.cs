using Microsoft.Extensions.Logging;

namespace Switchyard.Core;

/// <summary>Partition ownership's messages (1401–1409): one line per change of a node's leases, never one per renewal.</summary>
internal static partial class Log
{
    [LoggerMessage(1401, LogLevel.Information, "Node {NodeId} acquired {Count} partitions; it holds {Held}, its share is {Target}")]
    public static partial void PartitionsAcquired(ILogger logger, string nodeId, int count, int held, int target);

    [LoggerMessage(1402, LogLevel.Warning, "Node {NodeId} lost {Count} partitions to other nodes (their leases ran out before renewal); work on them stops")]
    public static partial void PartitionsLost(ILogger logger, string nodeId, int count);

    [LoggerMessage(1403, LogLevel.Information, "Node {NodeId} released {Count} partitions over its share of {Target} for other nodes to take")]
    public static partial void PartitionsReleased(ILogger logger, string nodeId, int count, int target);

    [LoggerMessage(1404, LogLevel.Warning, "Node {NodeId} counts node {DeadNode} dead: its heartbeat stayed stale at {Checks} checks in a row")]
    public static partial void NodeDead(ILogger logger, string nodeId, string deadNode, int checks);

    [LoggerMessage(1405, LogLevel.Warning, "Node {NodeId}: renewing or balancing partition leases failed; next try in {Interval}; held leases are trusted until {TrustedUntil:o}")]
    public static partial void OwnershipStepFailed(ILogger logger, string nodeId, TimeSpan interval, DateTimeOffset trustedUntil, Exception exception);

    [LoggerMessage(1406, LogLevel.Information, "Node {NodeId} left the cluster and released its {Count} partitions")]
    public static partial void NodeLeft(ILogger logger, string nodeId, int count);
}
