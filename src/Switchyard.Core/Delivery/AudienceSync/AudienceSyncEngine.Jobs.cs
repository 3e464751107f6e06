namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>Walking the running jobs of an output, a chunk per step, paced by the output's outbox.</summary>
public sealed partial class AudienceSyncEngine
{
    private async Task<int> AdvanceJobsAsync(string outputId, CancellationToken cancellationToken)
    {
        var work = 0;
        var running = await _sync.AudienceJobsAsync(outputId, null, runningOnly: true, 100, cancellationToken).ConfigureAwait(false);
        foreach (var job in running.OrderBy(j => j.Id))
        {
            if (await QueuedAsync(outputId, cancellationToken).ConfigureAwait(false) >= _options.MaxQueuedForJobs)
            {
                break;
            }

            work += await StepAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return work;
    }

    private async Task<int> StepAsync(AudienceJob job, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var after = AudienceJobSteps.After(job);
        AudienceJobAdvance advance;
        if (AudienceJobSteps.WalkOf(job) == AudienceJobWalk.Members)
        {
            var members = await _profiles.MembersAsync(job.AudienceId, after, _options.JobChunk, cancellationToken).ConfigureAwait(false);
            advance = AudienceJobSteps.AfterMembers(members);
        }
        else
        {
            if (AudienceJobSteps.WaitsForPlannedItems(job)
                && await _sync.HasDueItemsCreatedByAsync(job.OutputId, job.CreatedAtMs, now, cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            var users = await _sync.LedgerUsersAsync(
                job.OutputId, _ledger.Mentions(job.AudienceId), AudienceJobSteps.NotMemberOf(job), after, _options.JobChunk, cancellationToken).ConfigureAwait(false);
            advance = AudienceJobSteps.AfterLedgerUsers(job, users, _options.JobChunk);
        }

        await _sync.AdvanceAudienceJobAsync(
            job.Id,
            advance.Phase,
            advance.CursorMpid,
            advance.Users.Count,
            Entries(job.OutputId, advance.Users, AudienceJobSteps.PayloadOf(job), now),
            advance.Finished,
            now,
            cancellationToken).ConfigureAwait(false);
        if (advance.Finished)
        {
            Log.AudienceJobFinished(_logger, job.Kind, job.OutputId, job.AudienceId, job.Processed + advance.Users.Count);
        }

        return advance.Work;
    }

    /// <summary>Items waiting in the output's outbox: the one place audience sync reads the delivery store.</summary>
    private Task<long> QueuedAsync(string outputId, CancellationToken cancellationToken) =>
        _delivery.CountQueuedAsync(outputId, cancellationToken);
}
