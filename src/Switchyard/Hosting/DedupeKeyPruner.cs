using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Storage;

namespace Switchyard.Hosting;

/// <summary>
/// Drops expired <c>source_request_id</c> keys once an hour, so the dedupe table holds only the retention window.
/// (Expired keys are already ignored when batches arrive; this keeps the table, and the writer's cache, small.)
/// </summary>
internal sealed class DedupeKeyPruner(IInboxStore inbox, TimeProvider time, ILogger<DedupeKeyPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var dropped = await inbox.PruneDedupeKeysAsync(stoppingToken).ConfigureAwait(false);
                    Log.DedupeKeysPruned(logger, dropped);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; ingest does not depend on pruning.
                    Log.DedupePruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
