using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Partitions;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Processing;

/// <summary>
/// Runs the partition lanes (<see cref="PartitionProcessor"/>), one loop each, side by side: the workspace's
/// <c>processing.partitionWorkers</c>, one per core by default. The first lane also re-evaluates audiences whose
/// membership changes with time, and every profile when definitions change. A storage failure is retried after a
/// pause. Any other failure is a batch the processor cannot handle: the lane's chunk is then processed one batch at a
/// time, and a batch that fails on its own is passed over (it stays in the inbox, logged with its sequence and
/// counted), so one bad batch cannot stop processing for everyone.
/// </summary>
internal sealed class ProcessorWorker : BackgroundService
{
    /// <summary>Profiles per session when profiles are evaluated again (time windows, changed definitions).</summary>
    public const int ReevaluationPageSize = 256;
    public static readonly TimeSpan TimeWindowSweep = TimeSpan.FromMinutes(1);
    /// <summary>How long an idle lane waits for a signal before it looks at the inbox again anyway.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(2);

    private readonly IProfileStore _profiles;
    private readonly AudienceRuntime _audiences;
    private readonly BatchProcessor _processor;
    private readonly ProcessingSignal _signal;
    private readonly ProcessingStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly ILogger<ProcessorWorker> _logger;
    private readonly int _lanes;
    private readonly NodePartitions _partitions;

    public ProcessorWorker(
        IInboxStore inbox,
        IProfileStore profiles,
        AudienceRuntime audiences,
        BatchProcessor processor,
        ProcessingSignal signal,
        ProcessingStatistics statistics,
        TimeProvider time,
        ILogger<ProcessorWorker> logger,
        Core.Workspace.Workspace? workspace = null,
        Core.Workspace.LiveWorkspace? live = null,
        NodePartitions? partitions = null)
    {
        _partitions = partitions ?? NodePartitions.All;
        _profiles = profiles;
        _audiences = audiences;
        _processor = processor;
        _signal = signal;
        _statistics = statistics;
        _time = time;
        _logger = logger;
        _lanes = (live?.Current ?? workspace)?.PartitionWorkers ?? 1;
        _partitions.Changed += (_, _) => signal.Notify();
        Partitions = new PartitionProcessor(inbox, profiles, processor, new OutboxRouting(() => live?.Current ?? workspace), time);
        if (Hosting.TestProcessDelay.FromEnvironment() is { } delay)
        {
            Partitions.UseProcessStep(async (session, batch, receivedAtMs, evaluator, nowMs, cancellationToken) =>
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                return await processor.ProcessAsync(session, batch, receivedAtMs, evaluator, nowMs, cancellationToken).ConfigureAwait(false);
            });
        }
    }

    /// <summary>The lanes' processing (tests replace its per-batch step).</summary>
    internal PartitionProcessor Partitions { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _lanes).Select(i => RunLaneAsync(new PartitionLane(i, _lanes), _signal.Subscribe(), stoppingToken)));

    private async Task RunLaneAsync(PartitionLane lane, ProcessingSignal.Latch wake, CancellationToken stoppingToken)
    {
        // Off the caller's thread: every lane's loop runs on the thread pool, side by side.
        await Task.Yield();
        var nextSweep = _time.GetUtcNow() + TimeWindowSweep;
        var fences = new LaneFences(lane, _profiles, _partitions);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<PartitionLease>? leases = null;
            try
            {
                // Work that belongs to no partition runs in the first lane of one node (the one holding partition 0).
                var sweeps = lane.Index == 0 && _partitions.IsCoordinator(_time.GetUtcNow());
                var (evaluator, version, needsFullEvaluation) = await _audiences.CurrentAsync(stoppingToken).ConfigureAwait(false);
                if (sweeps && needsFullEvaluation)
                {
                    await ReevaluateAllAsync(evaluator, stoppingToken).ConfigureAwait(false);
                    await _audiences.MarkEvaluatedAsync(version, stoppingToken).ConfigureAwait(false);
                }

                leases = await fences.LeasesAsync(_time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                var processed = leases is { Count: 0 } ? 0 : await ProcessChunkAsync(lane, leases, evaluator, stoppingToken).ConfigureAwait(false);
                if (sweeps && _time.GetUtcNow() >= nextSweep)
                {
                    await SweepTimeWindowsAsync(await _audiences.RefreshAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                    nextSweep = _time.GetUtcNow() + TimeWindowSweep;
                }

                if (processed == 0)
                {
                    await wake.WaitAsync(IdleWait, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (PartitionFencedException e)
            {
                // Another node owns those partitions now; its commits count, this one's were not written.
                _statistics.Fenced();
                fences.Forget(e.Partitions);
                Log.CommitFenced(_logger, string.Join(", ", e.Partitions));
            }
            catch (Exception e) when (PartitionProcessor.IsStorageFailure(e))
            {
                // Nothing was committed for the failed chunk; it is tried again after a pause.
                Log.ProcessingFailed(_logger, e);
                await Task.Delay(ErrorBackoff, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.ProcessingFailed(_logger, e);
                await IsolateFailingBatchAsync(lane, leases, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces the per-batch step, so tests can make one batch fail.</summary>
    internal void UseProcessStep(Func<IProfileSession, Core.Ingest.Model.Batch, long, Core.Audiences.IAudienceEvaluator, long, CancellationToken, ValueTask<ProcessOutcome>> process) =>
        Partitions.UseProcessStep(process);

    /// <summary>Processes up to one chunk of every partition (one lane); returns how many batches it committed.</summary>
    internal Task<int> ProcessChunkAsync(Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken) =>
        ProcessChunkAsync(PartitionLane.All, evaluator, cancellationToken);

    /// <summary>Processes up to one chunk of the lane; returns how many batches it committed.</summary>
    internal Task<int> ProcessChunkAsync(PartitionLane lane, Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken) =>
        ProcessChunkAsync(lane, null, evaluator, cancellationToken);

    /// <summary>Processes up to one chunk of the lane's partitions among the leases (fenced; null: every partition, unfenced).</summary>
    internal async Task<int> ProcessChunkAsync(PartitionLane lane, IReadOnlyList<PartitionLease>? leases, Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        var result = await Partitions.ProcessChunkAsync(lane, leases, evaluator, cancellationToken).ConfigureAwait(false);
        foreach (var (sequence, reason) in result.Unreadable)
        {
            Log.UnreadableBatch(_logger, sequence, reason);
        }

        if (result.Batches > 0)
        {
            _statistics.Committed(result.Totals);
        }

        return result.Batches;
    }

    /// <summary>The lane's next batches one per session; the first that fails on its own is passed over and logged.</summary>
    internal async Task IsolateFailingBatchAsync(PartitionLane lane, IReadOnlyList<PartitionLease>? leases, CancellationToken cancellationToken)
    {
        try
        {
            var (evaluator, _, _) = await _audiences.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (await Partitions.IsolateFailingBatchAsync(lane, leases, evaluator, _statistics.Committed, cancellationToken).ConfigureAwait(false) is { } passed)
            {
                Log.BatchPassedOver(_logger, passed.Sequence, passed.Failure);
            }
        }
        catch (PartitionFencedException e)
        {
            _statistics.Fenced();
            Log.CommitFenced(_logger, string.Join(", ", e.Partitions));
        }
        catch (Exception e) when (PartitionProcessor.IsStorageFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            Log.ProcessingFailed(_logger, e);
        }
    }

    /// <summary>
    /// Re-evaluates the profiles whose membership time alone may have changed: those due in the expiry index (so a user
    /// joins or leaves within a minute of a window closing, without a new batch) and the members of date-range audiences.
    /// </summary>
    internal async Task SweepTimeWindowsAsync(Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        var outcomes = await _processor.ReevaluateTimeWindowsAsync(_profiles.BeginSessionAsync, evaluator, _time.GetUtcNow().ToUnixTimeMilliseconds(), ReevaluationPageSize, cancellationToken).ConfigureAwait(false);
        var changes = outcomes.Sum(o => o.Changes.Count);
        if (changes > 0)
        {
            // Counted just after the sweep's own sessions commit (a crash in between loses this count, not the changes).
            await CountAsync(new ProcessingTotals { MembershipChanges = changes }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After definitions change, every profile is evaluated again, in pages, each page committed.</summary>
    internal async Task ReevaluateAllAsync(Core.Audiences.IAudienceEvaluator evaluator, CancellationToken cancellationToken)
    {
        long? after = null;
        while (true)
        {
            var page = await _profiles.ProfileMpidsAsync(after, ReevaluationPageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            var totals = await ProfileSessions.RunAsync(_profiles, async session =>
            {
                var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var changes = 0;
                foreach (var mpid in page)
                {
                    changes += (await _processor.ReevaluateAsync(session, mpid, evaluator, nowMs, cancellationToken).ConfigureAwait(false)).Changes.Count;
                }

                var totals = new ProcessingTotals { MembershipChanges = changes };
                session.AddToTotals(totals);
                return totals;
            }, cancellationToken).ConfigureAwait(false);
            _statistics.Committed(totals);
            after = page[^1];
        }
    }

    private async Task CountAsync(ProcessingTotals totals, CancellationToken cancellationToken)
    {
        await ProfileSessions.RunAsync(_profiles, session =>
        {
            session.AddToTotals(totals);
            return Task.FromResult(0);
        }, cancellationToken).ConfigureAwait(false);
        _statistics.Committed(totals);
    }
}
