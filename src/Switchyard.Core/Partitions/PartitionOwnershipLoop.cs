using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Core.Partitions;

/// <summary>
/// Keeps one node's partition leases: every <see cref="PartitionOwnershipOptions.RenewInterval"/> it sends a heartbeat,
/// renews all held leases in one call (dropping at once those another node took), reads the leases and then the node
/// list, and moves toward its share (<see cref="PartitionBalancer"/>). <see cref="Current"/> and <see cref="Changed"/>
/// tell processing which partitions it may work on and with which epoch; <see cref="LeaveAsync"/> hands everything
/// over on a graceful stop so other nodes take over without waiting for expiry.
/// </summary>
/// <remarks>
/// A node over its share releases the surplus within the step, without draining it first: the epoch fence keeps a
/// chunk still in flight on a released partition from committing once the new owner has taken the fence. Steps never overlap: <see cref="StepAsync"/> and <see cref="LeaveAsync"/> take turns.
/// </remarks>
public sealed class PartitionOwnershipLoop : IDisposable
{
    private readonly IPartitionOwnership _ownership;
    private readonly PartitionOwnershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NodeLiveness _liveness;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private volatile PartitionLeaseView _view = PartitionLeaseView.Empty;
    private IReadOnlyList<string> _dead = [];
    private bool _registered;

    public PartitionOwnershipLoop(IPartitionOwnership ownership, string nodeId, PartitionOwnershipOptions options, TimeProvider time, ILogger<PartitionOwnershipLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _ownership = ownership;
        _options = options.Validate();
        _time = time;
        _logger = logger ?? NullLogger<PartitionOwnershipLoop>.Instance;
        _liveness = new NodeLiveness(options);
        NodeId = nodeId;
    }

    /// <summary>Raised after a step or a leave changed the held leases (synchronously; keep handlers short).</summary>
    public event EventHandler<PartitionOwnershipChange>? Changed;

    /// <summary>This node's id in the node list and on its leases.</summary>
    public string NodeId { get; }

    /// <summary>The leases as of the last step: what this node may work on, with which epoch, and until when.</summary>
    public PartitionLeaseView Current => _view;

    /// <summary>The share the last step aimed for (0 before the first step).</summary>
    public int Target { get; private set; }

    /// <summary>The nodes the last step counted dead.</summary>
    public IReadOnlyList<string> DeadNodes => _dead;

    /// <summary>
    /// Steps every renewal interval until <paramref name="stoppingToken"/> fires. A failed step is logged and tried again
    /// at the next interval; the leases it could not renew stay trusted only until their window ends. Does not release
    /// anything when stopped: call <see cref="LeaveAsync"/> once the work on the partitions has stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            try
            {
                await StepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop must outlive any one failure: if it stopped, every lease would lapse and the node would idle.
                Log.OwnershipStepFailed(_logger, NodeId, _options.RenewInterval, _view.TrustedUntil, e);
            }

            var wait = started + _options.RenewInterval - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One renewal and balancing step; returns what it changed.</summary>
    public async Task<PartitionOwnershipChange> StepAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await StepInTurnAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Stops holding anything: publishes an empty view first, then frees every lease of the node and removes it from the
    /// node list, so the others take its partitions at their next step. A later <see cref="StepAsync"/> joins again.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = _view;
            _view = PartitionLeaseView.Empty;
            await _ownership.LeaveAsync(NodeId, cancellationToken).ConfigureAwait(false);
            _registered = false;
            Target = 0;
            Log.NodeLeft(_logger, NodeId, before.Count);
            Changed?.Invoke(this, new PartitionOwnershipChange([], [], before.Partitions, PartitionLeaseView.Empty));
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    private async Task<PartitionOwnershipChange> StepInTurnAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var trustedUntil = started + _options.LeaseDuration - _options.SafetyMargin;
        if (_registered)
        {
            await _ownership.HeartbeatAsync(NodeId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _ownership.RegisterAsync(NodeId, cancellationToken).ConfigureAwait(false);
            _registered = true;
        }

        var before = _view;
        var kept = before.Leases;
        if (before.Count > 0)
        {
            kept = await _ownership.RenewAsync(NodeId, before.Leases, cancellationToken).ConfigureAwait(false);
        }

        var lost = before.Partitions.Except(kept.Select(l => l.Partition)).ToList();
        var view = Publish(kept, trustedUntil);

        // Leases first, then nodes (NodeLiveness.Check says why).
        var leases = await _ownership.ReadLeasesAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await _ownership.ReadNodesAsync(cancellationToken).ConfigureAwait(false);
        var live = _liveness.Check(NodeId, nodes, leases);
        foreach (var dead in _liveness.Dead.Except(_dead))
        {
            Log.NodeDead(_logger, NodeId, dead, _options.DeadAfterStaleChecks);
        }

        _dead = _liveness.Dead;
        if (nodes.Any(n => n.Age > _options.ForgetNodesAfter))
        {
            await _ownership.ForgetSilentNodesAsync(_options.ForgetNodesAfter, cancellationToken).ConfigureAwait(false);
        }

        var plan = PartitionBalancer.Plan(NodeId, view, leases, live, _liveness.Stale);
        Target = plan.Target;
        IReadOnlyList<int> released = [];
        if (plan.Release.Count > 0)
        {
            // Out of the view before the store frees them, so nothing works on a partition another node may take.
            view = Publish(view.Leases.Except(plan.Release), trustedUntil);
            released = await _ownership.ReleaseAsync(NodeId, plan.Release, cancellationToken).ConfigureAwait(false);
            Log.PartitionsReleased(_logger, NodeId, released.Count, plan.Target);
        }

        IReadOnlyList<PartitionLease> acquired = [];
        if (plan.Acquire.Count > 0)
        {
            acquired = await _ownership.AcquireAsync(NodeId, plan.Acquire, cancellationToken).ConfigureAwait(false);
            if (acquired.Count > 0)
            {
                view = Publish(view.Leases.Concat(acquired), trustedUntil);
                Log.PartitionsAcquired(_logger, NodeId, acquired.Count, view.Count, plan.Target);
            }
        }

        if (lost.Count > 0)
        {
            Log.PartitionsLost(_logger, NodeId, lost.Count);
        }

        var change = new PartitionOwnershipChange(acquired, lost, released, view);
        if (acquired.Count > 0 || lost.Count > 0 || plan.Release.Count > 0)
        {
            Changed?.Invoke(this, change);
        }

        return change;
    }

    private PartitionLeaseView Publish(IEnumerable<PartitionLease> leases, DateTimeOffset trustedUntil)
    {
        var view = new PartitionLeaseView(leases, trustedUntil);
        _view = view;
        return view;
    }
}
