using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Partitions;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Core.Processing;

/// <summary>
/// Processes the inbox one partition lane at a time: each chunk of a lane's batches, in sequence order, in one profile
/// session that also moves the lane's partition cursors, so a crash re-processes at most the chunk that was not
/// committed. Lanes own disjoint partitions and run side by side; a chunk whose commit meets another lane's change to
/// the same user (one user under two partition keys) is processed again against the new state.
/// </summary>
public sealed class PartitionProcessor(IInboxStore inbox, IProfileStore profiles, BatchProcessor processor, OutboxRouting routing, TimeProvider time)
{
    /// <summary>
    /// Batches per chunk (per session) at most. Each commit writes every page its chunk touched, and batches of users
    /// whose rows share pages (profiles, identity links and memberships near each other) share them within a chunk, so
    /// larger chunks write fewer pages per batch: with 10,000 users, 1,024-batch chunks wrote 40 % fewer pages to the
    /// SQLite log than 256-batch chunks, and the one writer that every lane's commits share had that much less to do
    /// (docs/benchmarks.md, "Re-measured 2026-12-07: larger chunks").
    /// </summary>
    public const int ChunkSize = 1024;

    /// <summary>
    /// Raw payload bytes after which a chunk reads no more: a chunk of large batches holds fewer of them, so a lane keeps
    /// at most this much and one page of batches in memory (a batch is at most 128 KB).
    /// </summary>
    public const int ChunkBytes = 8 * 1024 * 1024;

    /// <summary>Batches per inbox read; a chunk is read a page at a time until it is full.</summary>
    public const int ReadPageSize = 256;

    private Func<IProfileSession, Batch, long, IAudienceEvaluator, long, CancellationToken, ValueTask<ProcessOutcome>> _process = processor.ProcessAsync;

    /// <summary>Replaces the per-batch step, so tests can make one batch fail.</summary>
    public void UseProcessStep(Func<IProfileSession, Batch, long, IAudienceEvaluator, long, CancellationToken, ValueTask<ProcessOutcome>> process) =>
        _process = process ?? throw new ArgumentNullException(nameof(process));

    /// <summary>
    /// Processes up to one chunk of the lane. Returns what it committed (no batches when the lane had none; its cursors
    /// may still have moved past other lanes' batches).
    /// </summary>
    public Task<ChunkResult> ProcessChunkAsync(PartitionLane lane, IAudienceEvaluator evaluator, CancellationToken cancellationToken) =>
        ProcessChunkAsync(lane, null, evaluator, cancellationToken);

    /// <summary>
    /// Processes up to one chunk of the lane's partitions among <paramref name="leases"/>, committing it fenced by their
    /// epochs (<see cref="IProfileSession.AdvancePartitions(IReadOnlyCollection{PartitionLease}, long)"/>): when another
    /// node has taken one of them over meanwhile, the commit throws <see cref="PartitionFencedException"/> and nothing of the
    /// chunk is written. Null leases process every partition of the lane, unfenced (a node alone on its store).
    /// </summary>
    public async Task<ChunkResult> ProcessChunkAsync(PartitionLane lane, IReadOnlyList<PartitionLease>? leases, IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentNullException.ThrowIfNull(evaluator);
        (lane, leases) = Narrow(lane, leases);
        if (lane.Held is { Count: 0 })
        {
            return ChunkResult.None;
        }

        var (owned, cursors, after) = await LaneStartAsync(lane, cancellationToken).ConfigureAwait(false);
        var (batches, scannedThrough) = await ReadChunkAsync(lane, cursors, after, cancellationToken).ConfigureAwait(false);
        if (batches.Count == 0)
        {
            if (scannedThrough > after)
            {
                await ProfileSessions.RunAsync(profiles, session =>
                {
                    Advance(session, owned, leases, scannedThrough);
                    return Task.FromResult(0);
                }, cancellationToken).ConfigureAwait(false);
            }

            return ChunkResult.None;
        }

        // Each batch is parsed when its turn comes, so a chunk holds one parsed batch at a time rather than all of them:
        // fewer live objects for each garbage collection to trace while the chunk runs. A chunk run again after a
        // conflict parses again (processing never changes a batch).
        var parseOptions = new IngestParseOptions(time.GetUtcNow());
        var unreadable = new List<(long Sequence, string Reason)>();
        var totals = await ProfileSessions.RunAsync(profiles, async session =>
        {
            unreadable.Clear();
            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            var counted = ProcessingTotals.Zero;
            foreach (var stored in batches)
            {
                // The batch was validated on the way in; parsing it again cannot fail unless the rules changed since.
                var result = EventsApiParser.ParseBatch(stored.Payload, parseOptions);
                if (!result.IsSuccess)
                {
                    unreadable.Add((stored.Sequence, result.Failure!.Errors[0].Message));
                    continue;
                }

                var batch = result.Batches[0].Batch;
                var outcome = await _process(session, batch, stored.ReceivedAt.ToUnixTimeMilliseconds(), evaluator, nowMs, cancellationToken).ConfigureAwait(false);
                var suppressed = routing.EnqueueForOutputs(session, stored, outcome.Mpid, nowMs);
                routing.EnqueueIdentityResync(session, outcome, nowMs);
                counted = Count(counted, batch.Events.Count, outcome, suppressed);
            }

            // The totals commit with the chunk: a chunk that fails part-way is done again and must not count twice.
            counted = counted with { Unreadable = unreadable.Count };
            session.AddToTotals(counted);
            Advance(session, owned, leases, scannedThrough);
            return counted;
        }, cancellationToken).ConfigureAwait(false);
        return new ChunkResult(batches.Count, totals, unreadable);
    }

    /// <summary>
    /// Processes the lane's next batches one per session. Batches that succeed are committed as usual; the first that
    /// fails on its own is passed over (the lane's cursors move past it alone, it stays in the inbox) and returned with
    /// its failure. Storage failures and cancellation are not a batch's fault and are thrown.
    /// </summary>
    public Task<PassedOverBatch?> IsolateFailingBatchAsync(PartitionLane lane, IAudienceEvaluator evaluator, Action<ProcessingTotals> committed, CancellationToken cancellationToken) =>
        IsolateFailingBatchAsync(lane, null, evaluator, committed, cancellationToken);

    /// <summary>
    /// <see cref="IsolateFailingBatchAsync(PartitionLane, IAudienceEvaluator, Action{ProcessingTotals}, CancellationToken)"/>
    /// for the lane's partitions among <paramref name="leases"/>, each commit fenced by their epochs (null: unfenced).
    /// </summary>
    public async Task<PassedOverBatch?> IsolateFailingBatchAsync(PartitionLane lane, IReadOnlyList<PartitionLease>? leases, IAudienceEvaluator evaluator, Action<ProcessingTotals> committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(committed);
        (lane, leases) = Narrow(lane, leases);
        if (lane.Held is { Count: 0 })
        {
            return null;
        }

        for (var i = 0; i < ChunkSize; i++)
        {
            var (owned, cursors, after) = await LaneStartAsync(lane, cancellationToken).ConfigureAwait(false);
            var page = await inbox.ReadLaneAsync(lane, after, ReadPageSize, cancellationToken).ConfigureAwait(false);
            var stored = page.Batches.FirstOrDefault(b => b.Sequence > cursors[b.Partition]);
            if (stored is null)
            {
                return null;
            }

            try
            {
                var totals = await ProfileSessions.RunAsync(profiles, async session =>
                {
                    var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
                    var parsed = EventsApiParser.ParseBatch(stored.Payload, new IngestParseOptions(time.GetUtcNow()));
                    var totals = new ProcessingTotals { Unreadable = 1 };
                    if (parsed.IsSuccess)
                    {
                        var outcome = await _process(session, parsed.Batches[0].Batch, stored.ReceivedAt.ToUnixTimeMilliseconds(), evaluator, nowMs, cancellationToken).ConfigureAwait(false);
                        var suppressed = routing.EnqueueForOutputs(session, stored, outcome.Mpid, nowMs);
                        routing.EnqueueIdentityResync(session, outcome, nowMs);
                        totals = Count(ProcessingTotals.Zero, parsed.Batches[0].Batch.Events.Count, outcome, suppressed);
                    }

                    session.AddToTotals(totals);
                    Advance(session, owned, leases, stored.Sequence);
                    return totals;
                }, cancellationToken).ConfigureAwait(false);
                committed(totals);
            }
            catch (Exception e) when (!IsStorageFailure(e) && e is not PartitionFencedException)
            {
                var failed = new ProcessingTotals { Failed = 1 };
                await ProfileSessions.RunAsync(profiles, session =>
                {
                    session.AddToTotals(failed);
                    Advance(session, owned, leases, stored.Sequence);
                    return Task.FromResult(0);
                }, cancellationToken).ConfigureAwait(false);
                committed(failed);
                return new PassedOverBatch(stored.Sequence, e);
            }
        }

        return null;
    }

    /// <summary>
    /// The lane's next chunk: its batches after <paramref name="after"/> that are past their partition's cursor, read a
    /// page at a time until <see cref="ChunkSize"/> batches or <see cref="ChunkBytes"/> bytes, or a page that is not full
    /// (the lane has no more for now); and how far the reads looked, which the chunk's commit moves the cursors to.
    /// </summary>
    private async Task<(List<StoredBatch> Batches, long ScannedThrough)> ReadChunkAsync(PartitionLane lane, IReadOnlyList<long> cursors, long after, CancellationToken cancellationToken)
    {
        var batches = new List<StoredBatch>();
        long bytes = 0;
        var scanned = after;
        while (batches.Count < ChunkSize && bytes < ChunkBytes)
        {
            var limit = Math.Min(ReadPageSize, ChunkSize - batches.Count);
            var page = await inbox.ReadLaneAsync(lane, scanned, limit, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Batches)
            {
                if (stored.Sequence > cursors[stored.Partition])
                {
                    batches.Add(stored);
                    bytes += stored.Payload.Length;
                }
            }

            scanned = Math.Max(scanned, page.ScannedThrough);
            if (page.Batches.Count < limit)
            {
                break;
            }
        }

        return (batches, scanned);
    }

    /// <summary>
    /// The store failed, not the batch: every ADO.NET provider's errors derive from <see cref="System.Data.Common.DbException"/>,
    /// so a busy database or a lost connection is retried whichever provider holds the data; a conflict that outlasted
    /// its retries is transient too.
    /// </summary>
    public static bool IsStorageFailure(Exception e) =>
        e is System.Data.Common.DbException or IOException or TimeoutException or OperationCanceledException or ProfileWriteConflictException;

    /// <summary>The lane narrowed to the leases, and those of the leases that are the lane's (null leases: every partition, unfenced).</summary>
    private static (PartitionLane Lane, IReadOnlyList<PartitionLease>? Leases) Narrow(PartitionLane lane, IReadOnlyList<PartitionLease>? leases)
    {
        if (leases is null)
        {
            return (lane, null);
        }

        List<PartitionLease> mine = [.. leases.Where(l => lane.Owns(l.Partition))];
        return (lane.HeldOnly(mine.Select(l => l.Partition)), mine);
    }

    /// <summary>Moves the lane's cursors: fenced by the lane's leases when it has them, else every owned partition unfenced.</summary>
    private static void Advance(IProfileSession session, IReadOnlyList<int> owned, IReadOnlyList<PartitionLease>? leases, long sequence)
    {
        if (leases is null)
        {
            session.AdvancePartitions(owned, sequence);
        }
        else
        {
            session.AdvancePartitions(leases, sequence);
        }
    }

    private async Task<(IReadOnlyList<int> Owned, IReadOnlyList<long> Cursors, long After)> LaneStartAsync(PartitionLane lane, CancellationToken cancellationToken)
    {
        var owned = lane.PartitionsOf(profiles.PartitionCount);
        var cursors = await profiles.ReadPartitionCursorsAsync(cancellationToken).ConfigureAwait(false);
        var after = owned.Count == 0 ? cursors.DefaultIfEmpty().Min() : owned.Min(p => cursors[p]);
        return (owned, cursors, after);
    }

    /// <summary>The totals with one more processed batch counted.</summary>
    private static ProcessingTotals Count(ProcessingTotals totals, int events, ProcessOutcome outcome, int suppressed) => totals with
    {
        Batches = totals.Batches + 1,
        Events = totals.Events + events,
        ProfilesCreated = totals.ProfilesCreated + (outcome.CreatedProfile ? 1 : 0),
        Conflicts = totals.Conflicts + (outcome.Conflict ? 1 : 0),
        MembershipChanges = totals.MembershipChanges + outcome.Changes.Count,
        EchoSuppressed = totals.EchoSuppressed + suppressed,
    };
}
