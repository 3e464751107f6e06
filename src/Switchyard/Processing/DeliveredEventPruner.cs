using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;

namespace Switchyard.Processing;

/// <summary>
/// Once an hour, forgets delivered event ids older than <see cref="Retention"/>. They guard against sending an event
/// twice when an item is retried or replayed; items give up after a day, so a week covers every retry with room for
/// replays of recent dead letters.
/// </summary>
internal sealed class DeliveredEventPruner(IDeliveryStore store, TimeProvider time, ILogger<DeliveredEventPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var dropped = await store.PruneDeliveredBeforeAsync((time.GetUtcNow() - Retention).ToUnixTimeMilliseconds(), stoppingToken).ConfigureAwait(false);
                    Log.DeliveredEventsPruned(logger, dropped);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; delivery does not depend on pruning.
                    Log.DeliveredEventsPruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
