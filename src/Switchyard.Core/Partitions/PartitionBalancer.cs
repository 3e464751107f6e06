namespace Switchyard.Core.Partitions;

/// <summary>
/// Decides, from one look at the leases and the live nodes, what a node acquires and releases. Every node runs it on
/// its own, with no coordinator; the store's acquisition is the only arbiter, so two nodes planning the same partition
/// cost one of them a try, never a shared partition.
/// </summary>
/// <remarks>
/// <para>
/// Each node aims for its share of the P partitions among the n live nodes: <c>P / n</c>, and one more for the first
/// <c>P mod n</c> nodes in id order, so no share exceeds <c>ceil(P / n)</c> and the shares add up to exactly P. While
/// the nodes agree on who is live, no partition stays free: a node under its share takes free partitions, and a node
/// over it releases only as many as the others lack beyond what is already free. (Two over-share nodes covering the
/// same lack both release, and the next step evens that out; releasing whatever exceeds the share instead would send
/// partitions back and forth whenever the nodes briefly disagree on who is live.)
/// </para>
/// <para>
/// A dead node is counted out only after several stale checks, later than its leases run out. Its abandoned partitions
/// are taken in the meantime anyway, beyond the target, split among the nodes still renewing, so takeover is bounded
/// by the lease plus one renewal interval rather than by the death verdict; the surplus this leaves is shed once the
/// verdict raises everyone's target. A partition a node released is free, not abandoned, so shedding never feeds this.
/// Nor does a node release anything for a node whose heartbeat is already stale: it would only leave partitions idle
/// until the death verdict.
/// </para>
/// <para>
/// Candidates are tried in an order that starts at a point of the ring that depends on the node id, so nodes
/// acquiring at the same moment mostly try different partitions, and a node releases from the far end of its order.
/// </para>
/// </remarks>
public static class PartitionBalancer
{
    /// <summary>The plan for <paramref name="self"/>.</summary>
    /// <param name="self">The planning node.</param>
    /// <param name="held">What it holds after this step's renewal.</param>
    /// <param name="leases">Every partition's lease, read after the renewal.</param>
    /// <param name="live">The live nodes (<see cref="NodeLiveness.Check"/>), including <paramref name="self"/>.</param>
    /// <param name="stale">Those of <paramref name="live"/> whose heartbeat was stale at the last check (<see cref="NodeLiveness.Stale"/>).</param>
    public static BalancePlan Plan(
        string self, PartitionLeaseView held, IReadOnlyList<PartitionLeaseState> leases, IReadOnlySet<string> live, IReadOnlySet<string>? stale = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(live);
        stale ??= new HashSet<string>();
        var count = leases.Count;
        if (count == 0)
        {
            return new BalancePlan(0, [], []);
        }

        var target = ShareOf(self, live, count);
        var start = UserPartitions.Of(self, count);
        int Rank(int partition) => (partition - start + count) % count;

        if (held.Count > target)
        {
            return new BalancePlan(target, [], Surplus(self, held, leases, live, live.Where(n => !stale.Contains(n)), target, Rank));
        }

        var available = leases.Where(l => l.Available && !held.Owns(l.Partition)).OrderBy(l => Rank(l.Partition)).ToList();
        var acquire = available.Take(target - held.Count).ToList();

        // Abandoned partitions beyond the share: each node still renewing takes its part of them.
        var abandoned = leases.Where(l => l.Abandoned && !held.Owns(l.Partition)).ToList();
        if (abandoned.Count > 0)
        {
            // Split among the live nodes that renew and have not taken their part yet (a node over its share has).
            var abandoners = abandoned.Select(l => l.Owner!).Where(o => o != self).ToHashSet(StringComparer.Ordinal);
            var owned = LiveOwnedCounts(leases);
            var renewing = Math.Max(1, live.Count(n =>
                n == self || (!abandoners.Contains(n) && !stale.Contains(n) && owned.GetValueOrDefault(n) <= ShareOf(n, live, count))));
            var allowance = (abandoned.Count + renewing - 1) / renewing;
            var taken = acquire.Count(l => l.Abandoned);
            foreach (var lease in available.Skip(acquire.Count).Where(l => l.Abandoned))
            {
                if (taken >= allowance)
                {
                    break;
                }

                acquire.Add(lease);
                taken++;
            }
        }

        return new BalancePlan(target, [.. acquire.Select(l => l.Partition).Order()], []);
    }

    /// <summary>
    /// The share of <paramref name="node"/> among <paramref name="live"/>: <paramref name="count"/> divided by the node
    /// count, plus one for the first <c>count mod n</c> nodes in ordinal id order.
    /// </summary>
    public static int ShareOf(string node, IReadOnlySet<string> live, int count)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(live);
        var n = Math.Max(live.Count, 1);
        var rank = live.Count(other => string.CompareOrdinal(other, node) < 0);
        return count / n + (rank < count % n ? 1 : 0);
    }

    private static List<PartitionLease> Surplus(
        string self, PartitionLeaseView held, IReadOnlyList<PartitionLeaseState> leases, IReadOnlySet<string> live, IEnumerable<string> taking, int target, Func<int, int> rank)
    {
        var owned = LiveOwnedCounts(leases);
        var lacking = taking.Where(n => n != self).Sum(n => Math.Max(0, ShareOf(n, live, leases.Count) - owned.GetValueOrDefault(n)));
        var free = leases.Count(l => l.Available);
        var release = Math.Min(held.Count - target, Math.Max(0, lacking - free));
        return [.. held.Leases.OrderByDescending(l => rank(l.Partition)).Take(release).OrderBy(l => l.Partition)];
    }

    private static Dictionary<string, int> LiveOwnedCounts(IReadOnlyList<PartitionLeaseState> leases)
    {
        var owned = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lease in leases)
        {
            if (lease.LiveOwner is { } owner)
            {
                owned[owner] = owned.GetValueOrDefault(owner) + 1;
            }
        }

        return owned;
    }
}
