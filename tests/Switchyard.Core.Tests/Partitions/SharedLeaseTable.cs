using Switchyard.Core.Partitions;

namespace Switchyard.Core.Tests.Partitions;

/// <summary>
/// Leases and a node list in memory, on a clock the test moves, shared by any number of loops: the lease rules of the
/// contract (free or expired to acquire, epoch to renew and release) without a database. It also records the order of
/// calls and can be told to fail, so tests can check what a loop does between and after store calls.
/// </summary>
internal sealed class SharedLeaseTable(int partitionCount, TimeProvider clock, TimeSpan leaseDuration) : IPartitionOwnership
{
    private readonly object _gate = new();
    private readonly (string? Owner, long Epoch, DateTimeOffset ExpiresAt)[] _leases = new (string?, long, DateTimeOffset)[partitionCount];
    private readonly Dictionary<string, DateTimeOffset> _heartbeats = new(StringComparer.Ordinal);

    public int PartitionCount => partitionCount;

    /// <summary>Every call in order, as "Method node".</summary>
    public List<string> Calls { get; } = [];

    /// <summary>When set, the next call of this method name throws once.</summary>
    public string? FailNext { get; set; }

    public Task RegisterAsync(string nodeId, CancellationToken cancellationToken) => Do(nameof(RegisterAsync), nodeId, () => _heartbeats[nodeId] = clock.GetUtcNow());

    public Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken) => Do(nameof(HeartbeatAsync), nodeId, () => _heartbeats[nodeId] = clock.GetUtcNow());

    public Task<IReadOnlyList<PartitionLease>> AcquireAsync(string nodeId, IReadOnlyCollection<int> wanted, CancellationToken cancellationToken) =>
        Do<IReadOnlyList<PartitionLease>>(nameof(AcquireAsync), nodeId, () =>
        {
            var now = clock.GetUtcNow();
            var taken = new List<PartitionLease>();
            foreach (var p in wanted.Order())
            {
                var (owner, epoch, expiresAt) = _leases[p];
                if (owner is null || expiresAt < now)
                {
                    _leases[p] = (nodeId, epoch + 1, now + leaseDuration);
                    taken.Add(new PartitionLease(p, epoch + 1));
                }
            }

            return taken;
        });

    public Task<IReadOnlyList<PartitionLease>> RenewAsync(string nodeId, IReadOnlyCollection<PartitionLease> held, CancellationToken cancellationToken) =>
        Do<IReadOnlyList<PartitionLease>>(nameof(RenewAsync), nodeId, () =>
        {
            var now = clock.GetUtcNow();
            var kept = new List<PartitionLease>();
            foreach (var lease in held)
            {
                if (_leases[lease.Partition].Owner == nodeId && _leases[lease.Partition].Epoch == lease.Epoch)
                {
                    _leases[lease.Partition].ExpiresAt = now + leaseDuration;
                    kept.Add(lease);
                }
            }

            return kept;
        });

    public Task<IReadOnlyList<int>> ReleaseAsync(string nodeId, IReadOnlyCollection<PartitionLease> leases, CancellationToken cancellationToken) =>
        Do<IReadOnlyList<int>>(nameof(ReleaseAsync), nodeId, () =>
        {
            var freed = new List<int>();
            foreach (var lease in leases)
            {
                if (_leases[lease.Partition].Owner == nodeId && _leases[lease.Partition].Epoch == lease.Epoch)
                {
                    _leases[lease.Partition] = (null, lease.Epoch, clock.GetUtcNow());
                    freed.Add(lease.Partition);
                }
            }

            return freed;
        });

    public Task LeaveAsync(string nodeId, CancellationToken cancellationToken) => Do(nameof(LeaveAsync), nodeId, () =>
    {
        for (var p = 0; p < _leases.Length; p++)
        {
            if (_leases[p].Owner == nodeId)
            {
                _leases[p] = (null, _leases[p].Epoch, clock.GetUtcNow());
            }
        }

        _heartbeats.Remove(nodeId);
    });

    public Task<IReadOnlyList<PartitionLeaseState>> ReadLeasesAsync(CancellationToken cancellationToken) =>
        Do<IReadOnlyList<PartitionLeaseState>>(nameof(ReadLeasesAsync), null, () =>
            [.. _leases.Select((l, p) => new PartitionLeaseState(p, l.Owner, l.Epoch, l.Owner is null || l.ExpiresAt < clock.GetUtcNow()))]);

    public Task<IReadOnlyList<NodeHeartbeat>> ReadNodesAsync(CancellationToken cancellationToken) =>
        Do<IReadOnlyList<NodeHeartbeat>>(nameof(ReadNodesAsync), null, () =>
            [.. _heartbeats.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new NodeHeartbeat(h.Key, clock.GetUtcNow() - h.Value))]);

    public Task<int> ForgetSilentNodesAsync(TimeSpan silentFor, CancellationToken cancellationToken) =>
        Do(nameof(ForgetSilentNodesAsync), null, () =>
        {
            var silent = _heartbeats.Where(h => clock.GetUtcNow() - h.Value > silentFor).Select(h => h.Key).ToList();
            silent.ForEach(id => _heartbeats.Remove(id));
            return silent.Count;
        });

    /// <summary>How many calls of this kind (as in <see cref="Calls"/>) were made.</summary>
    public int CountCalls(string call)
    {
        lock (_gate)
        {
            return Calls.Count(c => c == call);
        }
    }

    /// <summary>The owner of each partition whose lease runs, by partition.</summary>
    public IReadOnlyDictionary<int, string> LiveOwners()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return Enumerable.Range(0, partitionCount)
                .Where(p => _leases[p].Owner is not null && _leases[p].ExpiresAt >= now)
                .ToDictionary(p => p, p => _leases[p].Owner!);
        }
    }

    private Task Do(string method, string? nodeId, Action action) => Do(method, nodeId, () =>
    {
        action();
        return true;
    });

    private Task<T> Do<T>(string method, string? nodeId, Func<T> action)
    {
        lock (_gate)
        {
            Calls.Add(nodeId is null ? method : method + " " + nodeId);
            if (FailNext == method)
            {
                FailNext = null;
                return Task.FromException<T>(new IOException($"{method} failed as the test asked"));
            }

            return Task.FromResult(action());
        }
    }
}
