namespace Switchyard.Core.Partitions;

/// <summary>
/// One node's running opinion of which nodes are alive. A node is stale at a check when its heartbeat is older than
/// <see cref="PartitionOwnershipOptions.StaleAfter"/>, and dead after <see cref="PartitionOwnershipOptions.DeadAfterStaleChecks"/>
/// stale checks in a row; a fresh heartbeat makes it live again. Requiring several checks keeps a pause of the observer
/// itself (which ages every heartbeat it reads at once) from shrinking the node count on one look.
/// </summary>
/// <remarks>Not thread-safe: one loop owns it.</remarks>
public sealed class NodeLiveness(PartitionOwnershipOptions options)
{
    private readonly Dictionary<string, int> _staleChecks = new(StringComparer.Ordinal);
    private readonly TimeSpan _staleAfter = (options ?? throw new ArgumentNullException(nameof(options))).StaleAfter;

    /// <summary>The nodes the last check counted dead, in id order.</summary>
    public IReadOnlyList<string> Dead { get; private set; } = [];

    /// <summary>
    /// The nodes the last check found stale but does not count dead yet: still part of the share, but not expected to
    /// take partitions (see <see cref="PartitionBalancer.Plan"/>).
    /// </summary>
    public IReadOnlySet<string> Stale { get; private set; } = new HashSet<string>();

    /// <summary>
    /// Records one look at the node list and returns the nodes to share partitions among: every listed node not dead, the
    /// observer itself, and the owner of any running lease that the list lacks (it joined after the list was read, or
    /// its entry was forgotten while it still worked). <paramref name="leases"/> must have been read before
    /// <paramref name="nodes"/>: read the other way round, a node that registers and acquires between the two reads
    /// would own leases but be missing from the count, and every node would aim too high.
    /// </summary>
    public IReadOnlySet<string> Check(string self, IReadOnlyList<NodeHeartbeat> nodes, IReadOnlyList<PartitionLeaseState> leases)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(leases);
        var live = new HashSet<string>(StringComparer.Ordinal) { self };
        var dead = new List<string>();
        var stale = new HashSet<string>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            listed.Add(node.NodeId);
            var checks = node.Age > _staleAfter ? _staleChecks.GetValueOrDefault(node.NodeId) + 1 : 0;
            _staleChecks[node.NodeId] = checks;
            if (node.NodeId == self || checks < options.DeadAfterStaleChecks)
            {
                live.Add(node.NodeId);
                if (checks > 0 && node.NodeId != self)
                {
                    stale.Add(node.NodeId);
                }
            }
            else
            {
                dead.Add(node.NodeId);
            }
        }

        foreach (var gone in _staleChecks.Keys.Where(id => !listed.Contains(id)).ToList())
        {
            _staleChecks.Remove(gone);
        }

        foreach (var lease in leases)
        {
            if (lease.LiveOwner is { } owner && !listed.Contains(owner))
            {
                live.Add(owner);
            }
        }

        dead.Sort(StringComparer.Ordinal);
        Dead = dead;
        Stale = stale;
        return live;
    }
}
