using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.AudienceSync;

/// <summary>
/// Turns audience membership into outbox items for each audience output: it follows the membership log (one item per
/// user whose membership of an active connected audience changed) and walks the running jobs a chunk at a time (sync:
/// current members, then users with attributes at the output; clean-up: users with attributes). A chunk's items and
/// the moved position commit together, so a restart neither loses nor repeats a chunk. Jobs pause while the output's
/// outbox holds <see cref="MaxQueuedForJobs"/> items (5,000), so a large initial sync is paced by delivery (and so by the
/// Braze rate limit) instead of flooding the outbox; real-time changes are never held back.
/// </summary>
internal sealed class AudienceSyncWorker(
    AudienceOutputs outputs,
    IAudienceSyncStore sync,
    IProfileStore profiles,
    IDeliveryStore delivery,
    AudienceLinks links,
    TimeProvider time,
    ILogger<AudienceSyncWorker> logger) : BackgroundService
{
    public const int TailChunk = 1000;

    /// <summary>Users a job queues per step.</summary>
    internal int JobChunk { get; init; } = 500;

    /// <summary>Jobs wait while the output's outbox holds this many items.</summary>
    internal long MaxQueuedForJobs { get; init; } = 5000;

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outputs.Ids.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int work;
            try
            {
                work = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AudienceSyncFailed(logger, e);
                await Task.Delay(ErrorBackoff, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (work == 0)
            {
                await Task.Delay(IdleWait, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One round over every audience output; returns how many log entries and job users it walked.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var work = 0;
        foreach (var outputId in outputs.Ids)
        {
            work += await FollowLogAsync(outputId, cancellationToken).ConfigureAwait(false);
            work += await AdvanceJobsAsync(outputId, cancellationToken).ConfigureAwait(false);
        }

        return work;
    }

    private async Task<int> FollowLogAsync(string outputId, CancellationToken cancellationToken)
    {
        var position = sync.MembershipTail(outputId) ?? 0;
        var changes = profiles.ReadMembershipChanges(position, TailChunk);
        if (changes.Count == 0)
        {
            return 0;
        }

        var active = (await links.OfAsync(outputId, cancellationToken).ConfigureAwait(false)).Where(l => l.Active).Select(l => l.AudienceId).ToHashSet();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var entries = changes
            .Where(c => active.Contains(c.AudienceId))
            .Select(c => c.Mpid)
            .Distinct()
            .Select(mpid => new OutboxEntry(outputId, mpid, AudiencePayloads.Sync, now))
            .ToList();
        sync.AdvanceMembershipTail(outputId, changes[^1].Id, entries);
        return changes.Count;
    }

    private async Task<int> AdvanceJobsAsync(string outputId, CancellationToken cancellationToken)
    {
        var work = 0;
        foreach (var job in sync.AudienceJobs(outputId, null, runningOnly: true, 100).OrderBy(j => j.Id))
        {
            if (await delivery.CountQueuedAsync(outputId, cancellationToken).ConfigureAwait(false) >= MaxQueuedForJobs)
            {
                break;
            }

            work += Advance(job);
        }

        return work;
    }

    private int Advance(AudienceJob job)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        long? after = job.CursorMpid == AudienceJob.NotStarted ? null : job.CursorMpid;
        if (job.Kind == AudienceJobKind.Sync && job.Phase == 0)
        {
            var members = profiles.Members(job.AudienceId, after, JobChunk);
            if (members.Count == 0)
            {
                sync.AdvanceAudienceJob(job.Id, 1, AudienceJob.NotStarted, 0, [], finished: false, now);
                return 1;
            }

            sync.AdvanceAudienceJob(job.Id, 0, members[^1], members.Count, Entries(job, members, AudiencePayloads.Sync, now), finished: false, now);
            return members.Count;
        }

        // A clean-up reads who has the audience's attributes from the ledger. A delivery pass that planned before the
        // connection was deactivated may still send them and record its ledger (before acknowledging its items): the
        // walk starts once no item that such a pass could hold is left.
        if (job.Kind == AudienceJobKind.CleanUp && after is null && sync.HasDueItemsCreatedBy(job.OutputId, job.CreatedAtMs, now))
        {
            return 0;
        }

        // Sync: users with this audience's attributes who are no longer members (they left while the connection was
        // inactive). Clean-up: every user with this audience's attributes.
        var notMemberOf = job.Kind == AudienceJobKind.Sync ? job.AudienceId : (int?)null;
        var users = sync.LedgerUsers(job.OutputId, BrazeAudienceLedger.Mentions(job.AudienceId), notMemberOf, after, JobChunk);
        var payload = job.Kind == AudienceJobKind.CleanUp ? AudiencePayloads.CleanUp(job.AudienceId) : AudiencePayloads.Sync;
        var finished = users.Count < JobChunk;
        sync.AdvanceAudienceJob(job.Id, 1, users.Count == 0 ? job.CursorMpid : users[^1], users.Count, Entries(job, users, payload, now), finished, now);
        if (finished)
        {
            Log.AudienceJobFinished(logger, job.Kind, job.OutputId, job.AudienceId, job.Processed + users.Count);
        }

        return Math.Max(1, users.Count);
    }

    private static List<OutboxEntry> Entries(AudienceJob job, IReadOnlyList<long> mpids, string payload, long now) =>
        [.. mpids.Select(mpid => new OutboxEntry(job.OutputId, mpid, payload, now))];
}
