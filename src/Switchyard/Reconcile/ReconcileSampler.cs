using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Reconcile;
using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;

namespace Switchyard.Reconcile;

/// <summary>
/// The sampling schedule (<c>reconcileSamplePerHour</c> &gt; 0): each such output has one long-running job
/// (scope <c>sample</c>) that walks the users of its ledger in MPID order, wrapping round, one export request (50 users)
/// at a time, spaced so the hour's share is checked, within the key's export pace. Drift it finds is repaired like a
/// requested reconcile's, and counted with <c>source="sample"</c> at /metrics.
/// </summary>
internal sealed class ReconcileSampler(ReconcileOutputs outputs, ReconcileSamples samples, IAudienceSyncStore ledgers, TimeProvider time, ILogger<ReconcileSampler> logger, NodePartitions partitions)
    : BackgroundService
{
    private const int UsersPerRound = 50;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(outputs.Sampled().Select(o => SampleAsync(o.Reconciler, o.PerHour, stoppingToken)));

    private async Task SampleAsync(BrazeReconciler reconciler, int perHour, CancellationToken stoppingToken)
    {
        var job = samples.Start(reconciler.OutputId, time.GetUtcNow());
        var round = TimeSpan.FromHours(1) * UsersPerRound / perHour;
        long? after = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One node samples a shared store; the others skip their rounds.
                var users = partitions.IsCoordinator(time.GetUtcNow())
                    ? await ledgers.LedgerUsersAsync(reconciler.OutputId, null, null, after, UsersPerRound, stoppingToken).ConfigureAwait(false)
                    : [];
                after = users.Count < UsersPerRound ? null : users[^1];
                if (users.Count > 0)
                {
                    await reconciler.CheckAsync(users, job, "sample", stoppingToken).ConfigureAwait(false);
                }

                await Task.Delay(round, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The schedule outlives a failing round: wait a round (at least a minute) and go on.
                Log.ReconcileSampleFailed(logger, reconciler.OutputId, e);
                try
                {
                    await Task.Delay(round > TimeSpan.FromMinutes(1) ? round : TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        job.Finish(time.GetUtcNow(), ReconcileJobStatus.Cancelled, "Switchyard stopped");
    }
}
