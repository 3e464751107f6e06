using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Storage;

namespace Switchyard.Hosting;

/// <summary>
/// Drops expired dedupe keys once an hour, so the dedupe tables hold about the retention window: row by row on SQLite,
/// a whole generation at a time on PostgreSQL (<see cref="IInboxStore.PruneDedupeKeysAsync"/>). Expired keys are already
/// ignored when batches arrive; this keeps the tables small.
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
