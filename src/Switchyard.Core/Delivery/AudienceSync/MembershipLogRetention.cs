using Microsoft.Extensions.Logging;

namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// Once an hour, forgets membership-log entries older than <see cref="Retention"/> that every audience output has
/// already passed, so the log does not grow for ever while an output that is behind (Braze down, a long pause) still
/// finds every change it has not queued yet.
/// </summary>
/// <param name="outputIds">The audience outputs (set in the workspace file).</param>
public sealed class MembershipLogRetention(IReadOnlyList<string> outputIds, IAudienceSyncStore store, TimeProvider time, ILogger<MembershipLogRetention> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>Prunes every <see cref="Interval"/> until stopped; a failed pass is logged and the next tick tries again.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing depends on pruning.
                    Log.MembershipLogPruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass; returns how many entries it forgot.</summary>
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        // An output without a position yet starts at the end of the log, so it needs nothing older.
        var upTo = long.MaxValue;
        foreach (var id in outputIds)
        {
            upTo = Math.Min(upTo, await store.MembershipTailAsync(id, cancellationToken).ConfigureAwait(false) ?? long.MaxValue);
        }

        var dropped = await store.PruneMembershipChangesAsync((time.GetUtcNow() - Retention).ToUnixTimeMilliseconds(), upTo, cancellationToken).ConfigureAwait(false);
        Log.MembershipLogPruned(logger, dropped);
        return dropped;
    }
}
