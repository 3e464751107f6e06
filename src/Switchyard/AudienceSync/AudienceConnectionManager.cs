using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.AudienceSync;

/// <summary>
/// Changes to audience connections and the jobs they start, shared by start-up (the workspace file) and the admin API.
/// Connecting an audience (or activating its connection) starts a sync job that queues its current members; deactivating
/// or deleting sends nothing; a clean-up is an explicit, separate action.
/// </summary>
internal sealed class AudienceConnectionManager(IAudienceSyncStore sync, IProfileStore profiles, TimeProvider time)
{
    // A check and the write that follows (is it active? then start a job) must not interleave with another change.
    private readonly Lock _gate = new();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Creates the connection or sets its active flag. Returns it, whether it was created, and the sync job started (if any).</summary>
    public (AudienceConnection Connection, bool Created, AudienceJob? Job) Save(string outputId, int audienceId, bool active)
    {
        lock (_gate)
        {
            var existing = sync.FindAudienceConnection(outputId, audienceId);
            var saved = existing is not null && existing.Active == active ? existing : sync.SaveAudienceConnection(outputId, audienceId, active, Now);
            AudienceJob? job = null;
            if (active && existing?.Active != true)
            {
                job = StartSync(outputId, audienceId);
            }
            else if (!active && existing?.Active == true)
            {
                // Stop queuing members; items already queued find the connection inactive and send nothing.
                foreach (var running in sync.AudienceJobs(outputId, audienceId, runningOnly: true, 10).Where(j => j.Kind == AudienceJobKind.Sync))
                {
                    sync.CancelAudienceJob(running.Id, Now);
                }
            }

            return (saved, existing is null, job);
        }
    }

    /// <summary>Queues every current member again (and every former member who still has the audience's attributes); the connection must be active.</summary>
    public AudienceJob? Resync(string outputId, int audienceId)
    {
        lock (_gate)
        {
            return sync.FindAudienceConnection(outputId, audienceId) is { Active: true } ? StartSync(outputId, audienceId) : null;
        }
    }

    /// <summary>Deletes the connection and cancels its job. Nothing is sent: Braze keeps what it has.</summary>
    public bool Delete(string outputId, int audienceId)
    {
        lock (_gate)
        {
            return sync.DeleteAudienceConnection(outputId, audienceId, Now);
        }
    }

    /// <summary>
    /// Deactivates the connection and starts a clean-up job: every user who has this audience's attributes at the output
    /// gets an item that removes them. Null when there is no such connection.
    /// </summary>
    public AudienceJob? CleanUp(string outputId, int audienceId)
    {
        lock (_gate)
        {
            if (sync.FindAudienceConnection(outputId, audienceId) is not { } connection)
            {
                return null;
            }

            if (connection.Active)
            {
                sync.SaveAudienceConnection(outputId, audienceId, active: false, Now);
            }

            return sync.StartAudienceJob(outputId, audienceId, AudienceJobKind.CleanUp, sync.CountLedgerUsers(outputId, BrazeAudienceLedger.Mentions(audienceId), null), Now);
        }
    }

    /// <summary>
    /// Gives each audience output a membership-log position if it has none: the newest entry. What happened before is
    /// covered by the sync jobs of its connections, which read memberships as they are.
    /// </summary>
    public void StartTails(IEnumerable<string> outputIds)
    {
        foreach (var outputId in outputIds)
        {
            if (sync.MembershipTail(outputId) is null)
            {
                sync.AdvanceMembershipTail(outputId, sync.LatestMembershipChangeId(), []);
            }
        }
    }

    private AudienceJob StartSync(string outputId, int audienceId) =>
        sync.StartAudienceJob(
            outputId, audienceId, AudienceJobKind.Sync, profiles.CountMembers(audienceId) + sync.CountLedgerUsers(outputId, BrazeAudienceLedger.Mentions(audienceId), audienceId), Now);
}
