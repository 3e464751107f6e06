using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;

namespace Switchyard.Processing;

/// <summary>
/// Keeps the inbox bounded: removes batches older than the workspace's inbox retention that nothing needs any more —
/// below the processor's checkpoint and below every queued item that still reads its batch from the inbox. Dead
/// letters keep their own copy of their batch, so they do not hold the inbox back. Runs every quarter of the
/// retention, at most hourly; SQLite reuses the freed pages, so under steady load the file stops growing.
/// </summary>
internal sealed class InboxPruner(IInboxStore inbox, IDeliveryStore store, Workspace workspace, TimeProvider time, ILogger<InboxPruner> logger, NodePartitions partitions) : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a round runs: a quarter of the retention, between 100 ms (tests' retentions of seconds) and an hour.</summary>
    public static TimeSpan IntervalFor(TimeSpan retention) =>
        TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 4, MinInterval.Ticks, MaxInterval.Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IntervalFor(workspace.InboxRetention), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // One node prunes a shared store: the bound it reads already counts every node's cursors.
                if (partitions.IsCoordinator(time.GetUtcNow()))
                {
                    await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round; a failure is logged and the next round tries again (nothing depends on pruning).</summary>
    internal async Task<long> PruneOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var below = await store.LowestInboxSequenceNeededAsync(cancellationToken).ConfigureAwait(false);
            var removed = await inbox.PruneBeforeAsync(below, time.GetUtcNow() - workspace.InboxRetention, cancellationToken).ConfigureAwait(false);
            Log.InboxPruned(logger, removed, below);
            return removed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.InboxPruneFailed(logger, e);
            return 0;
        }
    }
}
