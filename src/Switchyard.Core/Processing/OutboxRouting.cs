using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Core.Processing;

/// <summary>
/// Which outputs a processed batch is queued for, in the same session as its processing, so the processed batch and
/// its deliveries become durable together. Reads the workspace as it is now (<paramref name="workspace"/>): a
/// connection changed at run time holds from the next batch.
/// </summary>
public sealed class OutboxRouting(Func<Workspace.Workspace?> workspace)
{
    /// <summary>Per input feed, the outputs its batches go to and how many connections echo suppression holds back, for one workspace snapshot.</summary>
    private RouteTable? _routes;

    /// <summary>
    /// One outbox item per active connection of the batch's input. Connections where echo suppression keeps a Braze
    /// feed's batch from its own Braze workspace get none (<see cref="Workspace.EchoRule"/>); returns how many those
    /// were. A historical batch gets none at all: mParticle builds profiles and audiences from
    /// <c>/v2/bulkevents/historical</c> but does not forward it to event outputs (docs/events-api.md), so a backfill
    /// never replays old events into Braze. The memberships it causes still reach audience outputs through the
    /// membership log.
    /// </summary>
    public int EnqueueForOutputs(IProfileSession session, StoredBatch stored, long mpid, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(stored);
        if (workspace() is not { } current || stored.Historical)
        {
            return 0;
        }

        var routes = Volatile.Read(ref _routes);
        if (routes is null || !ReferenceEquals(routes.Snapshot, current))
        {
            routes = new RouteTable(current);
            Volatile.Write(ref _routes, routes);
        }

        var (outputs, suppressed) = routes.Of(stored.FeedId);
        foreach (var output in outputs)
        {
            session.Enqueue(new OutboxEntry(output, mpid, OutboxPayloads.Batch(stored.Sequence), nowMs));
        }

        return suppressed;
    }

    /// <summary>
    /// A member whose user identity was added or changed (an anonymous user logs in, a customer id changes) is queued
    /// for every audience output, so the destination gets the membership under the external id it now has. Without a
    /// membership change the membership log would not say so. The output sends nothing when nothing differs.
    /// </summary>
    public void EnqueueIdentityResync(IProfileSession session, ProcessOutcome outcome, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outcome);
        if (workspace() is not { } current || !outcome.MemberIdentityChanged)
        {
            return;
        }

        foreach (var output in current.Outputs.Where(o => o.Type == Workspace.OutputTypes.BrazeAudience))
        {
            session.Enqueue(new OutboxEntry(output.Id, outcome.Mpid, Delivery.AudienceSync.AudienceSyncPayloads.Sync, nowMs));
        }
    }

    private sealed class RouteTable(Workspace.Workspace snapshot)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string[] Outputs, int Suppressed)> _byFeed = new(StringComparer.Ordinal);

        public Workspace.Workspace Snapshot { get; } = snapshot;

        public (string[] Outputs, int Suppressed) Of(string feedId) =>
            _byFeed.GetOrAdd(feedId, static (id, w) => ([.. w.DeliveryOutputsOf(id)], w.EchoSuppressedOutputsOf(id).Count()), Snapshot);
    }
}
