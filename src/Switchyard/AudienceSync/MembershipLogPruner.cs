using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;

namespace Switchyard.AudienceSync;

/// <summary>
/// Once an hour, forgets membership-log entries older than <see cref="Retention"/> that every audience output of the
/// workspace has already passed, so the log does not grow for ever while an output that is behind (Braze down, a
/// long pause) still finds every change it has not queued yet.
/// </summary>
internal sealed class MembershipLogPruner(IAudienceSyncStore store, AudienceOutputs outputs, TimeProvider time, ILogger<MembershipLogPruner> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    PruneOnce();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; nothing depends on pruning.
                    Log.MembershipLogPruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal int PruneOnce()
    {
        // An output without a position yet starts at the end of the log, so it needs nothing older.
        var upTo = outputs.Ids.Select(id => store.MembershipTail(id) ?? long.MaxValue).DefaultIfEmpty(long.MaxValue).Min();
        var dropped = store.PruneMembershipChanges((time.GetUtcNow() - Retention).ToUnixTimeMilliseconds(), upTo);
        Log.MembershipLogPruned(logger, dropped);
        return dropped;
    }
}
