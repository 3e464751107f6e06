using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Sqlite.Partitions;

/// <summary>
/// Partition ownership on SQLite, where there is only ever one node: the data directory's lock file
/// (<see cref="DatabaseFileLock"/>) already keeps a second process out, so there is nobody to share partitions with or to
/// fence. The one node that registers acquires every partition at epoch 1, and its leases never run out; nothing is
/// stored, since a restart starts again at epoch 1 with no other owner to have moved past it. Another node id is refused
/// until the first one leaves. A release and a new acquisition in the same process still increment the epoch, as the
/// contract says.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SqlitePartitionOwnership : IPartitionOwnership
{
    private readonly object _gate = new();
    private readonly long[] _epochs;
    private readonly bool[] _held;
    private string? _node;

    /// <param name="partitionCount">The store's partition count (<see cref="SqliteStorageOptions.Partitions"/>).</param>
    public SqlitePartitionOwnership(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitionCount, UserPartitions.MaxCount);
        _epochs = new long[partitionCount];
        _held = new bool[partitionCount];
    }

    /// <inheritdoc />
    public int PartitionCount => _epochs.Length;

    /// <inheritdoc />
    public Task RegisterAsync(string nodeId, CancellationToken cancellationToken) => Run(nodeId, cancellationToken, () =>
    {
        _node = nodeId;
        return true;
    });

    /// <inheritdoc />
    public Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken) => RegisterAsync(nodeId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PartitionLease>> AcquireAsync(string nodeId, IReadOnlyCollection<int> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Run<IReadOnlyList<PartitionLease>>(nodeId, cancellationToken, () =>
        {
            _node = nodeId;
            var taken = new List<PartitionLease>();
            foreach (var partition in wanted.Distinct().Order())
            {
                CheckPartition(partition);
                if (!_held[partition])
                {
                    _held[partition] = true;
                    taken.Add(new PartitionLease(partition, ++_epochs[partition]));
                }
            }

            return taken;
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PartitionLease>> RenewAsync(string nodeId, IReadOnlyCollection<PartitionLease> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        return Run<IReadOnlyList<PartitionLease>>(nodeId, cancellationToken, () => [.. Holding(held).OrderBy(l => l.Partition)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> ReleaseAsync(string nodeId, IReadOnlyCollection<PartitionLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        return Run<IReadOnlyList<int>>(nodeId, cancellationToken, () =>
        {
            var freed = Holding(leases).Select(l => l.Partition).Order().ToList();
            freed.ForEach(p => _held[p] = false);
            return freed;
        });
    }

    /// <inheritdoc />
    public Task LeaveAsync(string nodeId, CancellationToken cancellationToken) => Run(nodeId, cancellationToken, () =>
    {
        Array.Clear(_held);
        _node = null;
        return true;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<PartitionLeaseState>> ReadLeasesAsync(CancellationToken cancellationToken) =>
        Run<IReadOnlyList<PartitionLeaseState>>(null, cancellationToken, () =>
            [.. _epochs.Select((epoch, p) => new PartitionLeaseState(p, _held[p] ? _node : null, epoch, Expired: !_held[p]))]);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeHeartbeat>> ReadNodesAsync(CancellationToken cancellationToken) =>
        Run<IReadOnlyList<NodeHeartbeat>>(null, cancellationToken, () => _node is null ? [] : [new NodeHeartbeat(_node, TimeSpan.Zero)]);

    /// <inheritdoc />
    public Task<int> ForgetSilentNodesAsync(TimeSpan silentFor, CancellationToken cancellationToken) =>
        Run(null, cancellationToken, () => 0);

    private List<PartitionLease> Holding(IEnumerable<PartitionLease> leases)
    {
        var holding = new List<PartitionLease>();
        foreach (var lease in leases)
        {
            CheckPartition(lease.Partition);
            if (_held[lease.Partition] && _epochs[lease.Partition] == lease.Epoch)
            {
                holding.Add(lease);
            }
        }

        return holding;
    }

    private void CheckPartition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, _epochs.Length);
    }

    private Task<T> Run<T>(string? nodeId, CancellationToken cancellationToken, Func<T> action)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (nodeId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        }

        lock (_gate)
        {
            if (nodeId is not null && _node is not null && _node != nodeId)
            {
                throw new InvalidOperationException(
                    $"SQLite storage serves one node, and node '{_node}' holds its partitions; node '{nodeId}' cannot join. Several nodes need the PostgreSQL provider.");
            }

            return Task.FromResult(action());
        }
    }
}
