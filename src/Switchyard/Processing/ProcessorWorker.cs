using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Ingest;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Processing;

/// <summary>
/// Consumes the inbox in sequence order: each chunk of batches is processed in one profile-store session that also
/// records the last sequence done, so a crash re-processes at most the chunk that was not committed. Between chunks
/// it re-evaluates audiences whose membership changes with time, and every profile when definitions change.
/// A storage failure is retried after a pause. Any other failure is a batch the processor cannot handle: the chunk is
/// then processed one batch at a time, and a batch that fails on its own is passed over (it stays in the inbox, logged
/// with its sequence and counted), so one bad batch cannot stop processing for everyone.
/// </summary>
internal sealed class ProcessorWorker(
    IInboxStore inbox,
    IProfileStore profiles,
    AudienceRuntime audiences,
    BatchProcessor processor,
    ProcessingSignal signal,
    ProcessingStatistics statistics,
    TimeProvider time,
    ILogger<ProcessorWorker> logger,
    Core.Workspace.Workspace? workspace = null,
    Core.Workspace.LiveWorkspace? live = null) : BackgroundService
{
    private Func<IProfileSession, Core.Ingest.Model.Batch, long, Core.Audiences.IAudienceEvaluator, long, ProcessOutcome> _process = processor.Process;

    /// <summary>
    /// Per input feed, the outputs its batches are queued for and how many connections echo suppression holds back, for
    /// one workspace snapshot: a change through the admin API publishes a new snapshot, and the next batch builds a new table.
    /// </summary>
    private RouteTable? _routes;

    /// <summary>The workspace as it is now: the live one when the host has it, else the one given (tests).</summary>
    private Core.Workspace.Workspace? Workspace => live?.Current ?? workspace;

    public const int ChunkSize = 256;
    public static readonly TimeSpan TimeWindowSweep = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = time.GetUtcNow() + TimeWindowSweep;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (evaluator, version, needsFullEvaluation) = await audiences.CurrentAsync(stoppingToken).ConfigureAwait(false);
                if (needsFullEvaluation)
                {
                    await ReevaluateAllAsync(evaluator, stoppingToken).ConfigureAwait(false);
                    await audiences.MarkEvaluatedAsync(version, stoppingToken).ConfigureAwait(false);
                }

                var processed = await ProcessChunkAsync(evaluator, stoppingToken).ConfigureAwait(false);
                if (time.GetUtcNow() >= nextSweep)
                {
                    SweepTimeWindows(await audiences.RefreshAsync(stoppingToken).ConfigureAwait(false));
                    nextSweep = time.GetUtcNow() + TimeWindowSweep;
                }

                if (processed == 0)
                {
                    await signal.WaitAsync(IdleWait, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsStorageFailure(e))
            {
                // Nothing was committed for the failed chunk; it is tried again after a pause.
                Log.ProcessingFailed(logger, e);
                await Task.Delay(ErrorBackoff, time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.ProcessingFailed(logger, e);
                await IsolateFailingBatchAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces the per-batch step, so tests can make one batch fail.</summary>
    internal void UseProcessStep(Func<IProfileSession, Core.Ingest.Model.Batch, long, Core.Audiences.IAudienceEvaluator, long, ProcessOutcome> process) =>
        _process = process;

    /// <summary>Processes up to one chunk; returns how many batches it committed.</summary>
    internal async Task<int> ProcessChunkAsync(Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        using var session = profiles.BeginSession();
        var batches = await inbox.ReadAsync(session.Checkpoint, ChunkSize, cancellationToken).ConfigureAwait(false);
        if (batches.Count == 0)
        {
            return 0;
        }

        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcomes = new List<(int Events, ProcessOutcome Outcome, int Suppressed)>(batches.Count);
        var unreadable = 0;
        foreach (var stored in batches)
        {
            // The batch was validated on the way in; parsing it again cannot fail unless the rules changed since.
            var parsed = EventsApiParser.ParseBatch(stored.Payload, new IngestParseOptions(time.GetUtcNow()));
            if (!parsed.IsSuccess)
            {
                unreadable++;
                Log.UnreadableBatch(logger, stored.Sequence, parsed.Failure!.Errors[0].Message);
                continue;
            }

            var batch = parsed.Batches[0].Batch;
            var outcome = _process(session, batch, stored.ReceivedAt.ToUnixTimeMilliseconds(), evaluator, nowMs);
            var suppressed = EnqueueForOutputs(session, stored, outcome.Mpid, nowMs);
            EnqueueIdentityResync(session, outcome, nowMs);
            outcomes.Add((batch.Events.Count, outcome, suppressed));
        }

        // The totals commit with the chunk: a chunk that fails part-way is done again and must not count twice.
        var totals = Totals(outcomes) with { Unreadable = unreadable };
        session.AddToTotals(totals);
        session.SetCheckpoint(batches[^1].Sequence);
        session.Commit();
        statistics.Committed(totals);
        return batches.Count;
    }

    /// <summary>
    /// Processes the next chunk one batch per session. Batches that succeed are committed as usual; the first that
    /// fails on its own is passed over by moving the checkpoint past it alone.
    /// </summary>
    internal async Task IsolateFailingBatchAsync(CancellationToken cancellationToken)
    {
        var (evaluator, _, _) = await audiences.CurrentAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < ChunkSize; i++)
        {
            using var session = profiles.BeginSession();
            var next = await inbox.ReadAsync(session.Checkpoint, 1, cancellationToken).ConfigureAwait(false);
            if (next.Count == 0)
            {
                return;
            }

            var stored = next[0];
            try
            {
                var parsed = EventsApiParser.ParseBatch(stored.Payload, new IngestParseOptions(time.GetUtcNow()));
                ProcessOutcome? outcome = null;
                var suppressed = 0;
                if (parsed.IsSuccess)
                {
                    outcome = _process(session, parsed.Batches[0].Batch, stored.ReceivedAt.ToUnixTimeMilliseconds(), evaluator, time.GetUtcNow().ToUnixTimeMilliseconds());
                    suppressed = EnqueueForOutputs(session, stored, outcome.Mpid, time.GetUtcNow().ToUnixTimeMilliseconds());
                    EnqueueIdentityResync(session, outcome, time.GetUtcNow().ToUnixTimeMilliseconds());
                }

                var totals = outcome is not null
                    ? Totals([(parsed.Batches[0].Batch.Events.Count, outcome, suppressed)])
                    : new ProcessingTotals { Unreadable = 1 };
                session.AddToTotals(totals);
                session.SetCheckpoint(stored.Sequence);
                session.Commit();
                statistics.Committed(totals);
            }
            catch (Exception e) when (!IsStorageFailure(e))
            {
                session.Dispose();
                using var skip = profiles.BeginSession();
                var failed = new ProcessingTotals { Failed = 1 };
                skip.AddToTotals(failed);
                skip.SetCheckpoint(stored.Sequence);
                skip.Commit();
                statistics.Committed(failed);
                Log.BatchPassedOver(logger, stored.Sequence, e);
                return;
            }
        }
    }

    /// <summary>
    /// One outbox item per active connection of the batch's input, in the same session as its processing, so the
    /// processed batch and its deliveries become durable together. The item names the inbox batch; the output maps it
    /// when it delivers, against the profile as it is then. Connections where echo suppression keeps a Braze feed's
    /// batch from its own Braze workspace get none (<see cref="Core.Workspace.EchoRule"/>); returns how many those were.
    /// A historical batch gets none at all: mParticle builds profiles and audiences from <c>/v2/bulkevents/historical</c>
    /// but does not forward it to event outputs (docs/events-api.md), so a backfill never replays old events into
    /// Braze. The memberships it causes still reach audience outputs through the membership log.
    /// </summary>
    private int EnqueueForOutputs(IProfileSession session, StoredBatch stored, long mpid, long nowMs)
    {
        if (Workspace is not { } current || stored.Historical)
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
            session.Enqueue(new Core.Delivery.OutboxEntry(output, mpid, OutboxPayload.Of(stored.Sequence), nowMs));
        }

        return suppressed;
    }

    /// <summary>
    /// A member whose user identity was added or changed (an anonymous user logs in, a customer id changes) is queued
    /// for every audience output, so Braze gets the membership under the external id it now has. Without a membership
    /// change the membership log would not say so. The engine sends nothing when nothing differs.
    /// </summary>
    private void EnqueueIdentityResync(IProfileSession session, ProcessOutcome outcome, long nowMs)
    {
        if (Workspace is not { } current || !outcome.MemberIdentityChanged)
        {
            return;
        }

        foreach (var output in current.Outputs.Where(o => o.Type == Core.Workspace.OutputTypes.BrazeAudience))
        {
            session.Enqueue(new Core.Delivery.OutboxEntry(output.Id, outcome.Mpid, Core.Delivery.AudienceSync.AudienceSyncPayloads.Sync, nowMs));
        }
    }

    private static ProcessingTotals Totals(IEnumerable<(int Events, ProcessOutcome Outcome, int Suppressed)> outcomes)
    {
        var totals = ProcessingTotals.Zero;
        foreach (var (events, outcome, suppressed) in outcomes)
        {
            totals = totals with
            {
                Batches = totals.Batches + 1,
                Events = totals.Events + events,
                ProfilesCreated = totals.ProfilesCreated + (outcome.CreatedProfile ? 1 : 0),
                Conflicts = totals.Conflicts + (outcome.Conflict ? 1 : 0),
                MembershipChanges = totals.MembershipChanges + outcome.Changes.Count,
                EchoSuppressed = totals.EchoSuppressed + suppressed,
            };
        }

        return totals;
    }

    /// <summary>
    /// The store failed, not the batch: every ADO.NET provider's errors derive from <see cref="System.Data.Common.DbException"/>,
    /// so a busy database or a lost connection is retried whichever provider holds the data.
    /// </summary>
    private static bool IsStorageFailure(Exception e) =>
        e is System.Data.Common.DbException or IOException or TimeoutException or OperationCanceledException;

    /// <summary>
    /// Re-evaluates the profiles whose membership time alone may have changed: those due in the expiry index (so a user
    /// joins or leaves within a minute of a window closing, without a new batch) and the members of date-range audiences.
    /// </summary>
    internal void SweepTimeWindows(Core.Audiences.IAudienceEvaluator evaluator)
    {
        var outcomes = processor.ReevaluateTimeWindows(profiles.BeginSession, evaluator, time.GetUtcNow().ToUnixTimeMilliseconds(), ChunkSize);
        var changes = outcomes.Sum(o => o.Changes.Count);
        if (changes > 0)
        {
            // Counted just after the sweep's own sessions commit (a crash in between loses this count, not the changes).
            var totals = new ProcessingTotals { MembershipChanges = changes };
            using var session = profiles.BeginSession();
            session.AddToTotals(totals);
            session.Commit();
            statistics.Committed(totals);
        }
    }

    /// <summary>After definitions change, every profile is evaluated again, in pages, each page committed.</summary>
    internal async Task ReevaluateAllAsync(Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        long? after = null;
        while (true)
        {
            var page = await profiles.ProfileMpidsAsync(after, ChunkSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            using var session = profiles.BeginSession();
            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            var changes = 0;
            foreach (var mpid in page)
            {
                changes += processor.Reevaluate(session, mpid, evaluator, nowMs).Changes.Count;
            }

            var totals = new ProcessingTotals { MembershipChanges = changes };
            session.AddToTotals(totals);
            session.Commit();
            statistics.Committed(totals);
            after = page[^1];
        }
    }

    private sealed class RouteTable(Core.Workspace.Workspace snapshot)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string[] Outputs, int Suppressed)> _byFeed = new(StringComparer.Ordinal);

        public Core.Workspace.Workspace Snapshot { get; } = snapshot;

        public (string[] Outputs, int Suppressed) Of(string feedId) =>
            _byFeed.GetOrAdd(feedId, static (id, w) => ([.. w.DeliveryOutputsOf(id)], w.EchoSuppressedOutputsOf(id).Count()), Snapshot);
    }
}
