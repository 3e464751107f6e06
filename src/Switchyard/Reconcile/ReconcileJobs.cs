using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Reconcile;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Reconcile;

/// <summary>
/// Reconcile jobs started through the admin API, run one task each and kept in memory (the last 100). A restart
/// interrupts running jobs: their ids carry this run's id, so asking for a job of an earlier run is answered as
/// interrupted rather than unknown (docs/admin-api.md). Nothing a job did is lost by that: repairs are queued in the
/// outbox as it goes.
/// </summary>
internal sealed class ReconcileJobs(
    IAudienceSyncStore ledgers, IProfileStore profiles, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ReconcileJobs> logger)
{
    private const int Kept = 100;
    private const int Page = 500;

    private readonly ConcurrentDictionary<string, ReconcileJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _next;

    /// <summary>This process's id, the prefix of its jobs' ids.</summary>
    public string RunId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public ReconcileJob? Find(string jobId) => _jobs.GetValueOrDefault(jobId);

    /// <summary>Whether the id is shaped like a job id of an earlier run of the process.</summary>
    public bool IsFromEarlierRun(string jobId) =>
        jobId.Length > 9 && jobId[8] == '-' && !jobId.StartsWith(RunId + "-", StringComparison.Ordinal) && Convert.FromHexString(jobId.AsSpan(0, 8), new byte[4], out _, out _) == System.Buffers.OperationStatus.Done;

    public IReadOnlyList<ReconcileJob> Of(string outputId) =>
        [.. _jobs.Values.Where(j => j.OutputId == outputId).OrderByDescending(j => j.StartedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal)];

    /// <summary>Starts a job over <paramref name="externalIds"/>, every user the output's ledger knows (<paramref name="all"/>), or an audience's members.</summary>
    public async Task<ReconcileJob> StartAsync(BrazeReconciler reconciler, IReadOnlyList<string>? externalIds, bool all, int? audienceId, CancellationToken cancellationToken)
    {
        var id = RunId + "-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var (scope, total) = externalIds is not null ? ("external_ids", (long?)externalIds.Count)
            : all ? ("all", await ledgers.CountLedgerUsersAsync(reconciler.OutputId, null, null, cancellationToken).ConfigureAwait(false))
            : ($"audience:{audienceId!.Value.ToString(CultureInfo.InvariantCulture)}", await profiles.CountMembersAsync(audienceId.Value, cancellationToken).ConfigureAwait(false));
        var job = new ReconcileJob(id, reconciler.OutputId, scope, total, time.GetUtcNow());
        _jobs[id] = job;
        _order.Enqueue(id);
        while (_order.Count > Kept && _order.TryDequeue(out var old))
        {
            _jobs.TryRemove(old, out _);
        }

        Log.ReconcileStarted(logger, reconciler.OutputId, id, scope, total);
        _ = RunAsync(reconciler, job, externalIds, all, audienceId, lifetime.ApplicationStopping);
        return job;
    }

    private async Task RunAsync(BrazeReconciler reconciler, ReconcileJob job, IReadOnlyList<string>? externalIds, bool all, int? audienceId, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            if (externalIds is not null)
            {
                var mpids = new List<long>();
                foreach (var externalId in externalIds)
                {
                    if (await reconciler.FindUserAsync(externalId, stopping).ConfigureAwait(false) is { } mpid)
                    {
                        mpids.Add(mpid);
                    }
                    else
                    {
                        job.CountNotFound();
                    }
                }

                await reconciler.CheckAsync(mpids, job, "job", stopping).ConfigureAwait(false);
            }
            else
            {
                long? after = null;
                while (true)
                {
                    var page = all
                        ? await ledgers.LedgerUsersAsync(reconciler.OutputId, null, null, after, Page, stopping).ConfigureAwait(false)
                        : await profiles.MembersAsync(audienceId!.Value, after, Page, stopping).ConfigureAwait(false);
                    if (page.Count == 0)
                    {
                        break;
                    }

                    await reconciler.CheckAsync(page, job, "job", stopping).ConfigureAwait(false);
                    after = page[^1];
                }
            }

            job.Finish(time.GetUtcNow(), ReconcileJobStatus.Finished);
            Log.ReconcileFinished(logger, job.OutputId, job.Id, job.Checked, job.Drifted, job.Repaired, job.Exports);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            job.Finish(time.GetUtcNow(), ReconcileJobStatus.Cancelled, "Switchyard stopped while the job ran");
        }
        catch (Exception e)
        {
            // A storage or Braze failure ends this job only; what it queued so far stays queued.
            job.Finish(time.GetUtcNow(), ReconcileJobStatus.Failed, e is BrazeExportException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            Log.ReconcileFailed(logger, job.OutputId, job.Id, job.Error!, e);
        }
    }
}
