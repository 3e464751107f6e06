using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Partitions;

namespace Switchyard.Processing;

/// <summary>
/// Keeps this node's partition leases while it runs (<see cref="PartitionOwnershipLoop"/>), on a node that processes a
/// store shared with other nodes. Registered before the processor and the delivery worker, so it stops after them: once
/// their work on the partitions has ended, it frees every lease and leaves the node list, and the other nodes take the
/// partitions at their next step instead of waiting for the leases to run out.
/// </summary>
internal sealed class PartitionOwnershipService(PartitionOwnershipLoop loop, ILogger<PartitionOwnershipService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.OwnershipStarted(logger, loop.NodeId);
        return loop.RunAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var held = loop.Current.Count;
            await loop.LeaveAsync(cancellationToken).ConfigureAwait(false);
            Log.PartitionsHandedOver(logger, loop.NodeId, held);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The leases then run out on their own and the other nodes take the partitions after that.
            Log.HandOverFailed(logger, loop.NodeId, e);
        }
    }
}
