using Switchyard.Core.Profiles;

namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// Changes to audience connections and the jobs they start, shared by start-up (the workspace file) and the admin API.
/// Connecting an audience (or activating its connection) starts a sync job that queues its current members; deactivating
/// or deleting sends nothing; a clean-up is an explicit, separate action.
/// </summary>
public sealed class AudienceConnectionEditor(IAudienceSyncStore sync, IProfileStore profiles, IAudienceLedgerFields ledger, TimeProvider time)
{
    // A check and the write that follows (is it active? then start a job) must not interleave with another change.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Creates the connection or sets its active flag. Returns it, whether it was created, and the sync job started (if any).</summary>
    public async Task<(AudienceConnection Connection, bool Created, AudienceJob? Job)> SaveAsync(string outputId, int audienceId, bool active, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await sync.FindAudienceConnectionAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false);
            var saved = existing is not null && existing.Active == active
                ? existing
                : await sync.SaveAudienceConnectionAsync(outputId, audienceId, active, Now, cancellationToken).ConfigureAwait(false);
            AudienceJob? job = null;
            if (active && existing?.Active != true)
            {
                job = await StartSyncAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false);
            }
            else if (!active && existing?.Active == true)
            {
                // Stop queuing members; items already queued find the connection inactive and send nothing.
                var running = await sync.AudienceJobsAsync(outputId, audienceId, runningOnly: true, 10, cancellationToken).ConfigureAwait(false);
                foreach (var syncJob in running.Where(j => j.Kind == AudienceJobKind.Sync))
                {
                    await sync.CancelAudienceJobAsync(syncJob.Id, Now, cancellationToken).ConfigureAwait(false);
                }
            }

            return (saved, existing is null, job);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Queues every current member again (and every former member who still has the audience's attributes); the connection must be active.</summary>
    public async Task<AudienceJob?> ResyncAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await sync.FindAudienceConnectionAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false) is { Active: true }
                ? await StartSyncAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false)
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the connection and cancels its job. Nothing is sent: Braze keeps what it has.</summary>
    public async Task<bool> DeleteAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await sync.DeleteAudienceConnectionAsync(outputId, audienceId, Now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Deactivates the connection and starts a clean-up job: every user who has this audience's attributes at the output
    /// gets an item that removes them. Null when there is no such connection.
    /// </summary>
    public async Task<AudienceJob?> CleanUpAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await sync.FindAudienceConnectionAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false) is not { } connection)
            {
                return null;
            }

            if (connection.Active)
            {
                await sync.SaveAudienceConnectionAsync(outputId, audienceId, active: false, Now, cancellationToken).ConfigureAwait(false);
            }

            var total = await sync.CountLedgerUsersAsync(outputId, ledger.Mentions(audienceId), null, cancellationToken).ConfigureAwait(false);
            return await sync.StartAudienceJobAsync(outputId, audienceId, AudienceJobKind.CleanUp, total, Now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Gives each audience output a membership-log position if it has none: the newest entry. What happened before is
    /// covered by the sync jobs of its connections, which read memberships as they are.
    /// </summary>
    public async Task StartTailsAsync(IEnumerable<string> outputIds, CancellationToken cancellationToken)
    {
        foreach (var outputId in outputIds)
        {
            if (await sync.MembershipTailAsync(outputId, cancellationToken).ConfigureAwait(false) is null)
            {
                var latest = await sync.LatestMembershipChangeIdAsync(cancellationToken).ConfigureAwait(false);
                await sync.AdvanceMembershipTailAsync(outputId, latest, [], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<AudienceJob> StartSyncAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        var total = await profiles.CountMembersAsync(audienceId, cancellationToken).ConfigureAwait(false)
            + await sync.CountLedgerUsersAsync(outputId, ledger.Mentions(audienceId), audienceId, cancellationToken).ConfigureAwait(false);
        return await sync.StartAudienceJobAsync(outputId, audienceId, AudienceJobKind.Sync, total, Now, cancellationToken).ConfigureAwait(false);
    }
}
