using Switchyard.Core.Partitions;

namespace Switchyard.Core.Tests.Partitions;

public sealed class PartitionBalancerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(256, 1, 256)]
    [InlineData(256, 2, 128)]
    [InlineData(256, 3, 86)]
    [InlineData(256, 7, 37)]
    [InlineData(4, 8, 1)]
    public void The_first_node_in_id_order_gets_the_partition_count_over_the_live_nodes_rounded_up(int partitions, int nodes, int share)
    {
        var live = Enumerable.Range(0, nodes).Select(i => "n" + i).ToHashSet();

        var plan = PartitionBalancer.Plan("n0", PartitionLeaseView.Empty, Free(partitions), live);

        Assert.Equal(share, plan.Target);
        Assert.Equal(share, plan.Acquire.Count);
    }

    [Theory]
    [InlineData(256, 3)]
    [InlineData(256, 5)]
    [InlineData(10, 4)]
    [InlineData(3, 5)]
    public void The_shares_add_up_to_the_partition_count_and_differ_by_at_most_one(int partitions, int nodes)
    {
        var live = Enumerable.Range(0, nodes).Select(i => "n" + i).ToHashSet();

        var shares = live.Select(n => PartitionBalancer.ShareOf(n, live, partitions)).ToList();

        Assert.Equal(partitions, shares.Sum());
        Assert.InRange(shares.Max() - shares.Min(), 0, 1);
    }

    [Fact]
    public void Nodes_with_different_ids_start_their_candidates_at_different_places()
    {
        var live = new HashSet<string> { "alpha", "beta" };

        var alpha = PartitionBalancer.Plan("alpha", PartitionLeaseView.Empty, Free(256), live);
        var beta = PartitionBalancer.Plan("beta", PartitionLeaseView.Empty, Free(256), live);

        Assert.NotEqual(alpha.Acquire, beta.Acquire);
    }

    [Fact]
    public void A_node_under_its_share_takes_only_available_partitions_up_to_it()
    {
        var leases = Leases(8, p => p < 5 ? ("b", false) : (null, true));
        var live = new HashSet<string> { "a", "b" };

        var plan = PartitionBalancer.Plan("a", PartitionLeaseView.Empty, leases, live);

        Assert.Equal([5, 6, 7], plan.Acquire);
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void A_node_over_its_share_releases_only_what_the_others_lack_beyond_the_free_partitions()
    {
        // a holds 6 of 8 with b holding 1 and one free: b lacks 3 of its 4, the free one covers 1, so a gives up 2.
        var leases = Leases(8, p => p < 6 ? ("a", false) : p == 6 ? ("b", false) : (null, true));
        var held = View(Enumerable.Range(0, 6));
        var live = new HashSet<string> { "a", "b" };

        var plan = PartitionBalancer.Plan("a", held, leases, live);

        Assert.Equal(4, plan.Target);
        Assert.Empty(plan.Acquire);
        Assert.Equal(2, plan.Release.Count);
        Assert.All(plan.Release, l => Assert.True(held.Owns(l.Partition)));
    }

    [Fact]
    public void A_node_over_its_share_releases_nothing_for_a_node_whose_heartbeat_is_stale()
    {
        // a took c's abandoned partitions before c was counted dead; c is short of its share, but would not take any.
        var leases = Leases(6, p => p < 4 ? ("a", false) : ("b", false));
        var live = new HashSet<string> { "a", "b", "c" };
        var held = View(Enumerable.Range(0, 4));

        Assert.Equal(2, PartitionBalancer.Plan("a", held, leases, live).Release.Count);
        Assert.True(PartitionBalancer.Plan("a", held, leases, live, new HashSet<string> { "c" }).IsEmpty);
    }

    [Fact]
    public void Abandoned_partitions_are_taken_beyond_the_share_split_among_the_nodes_still_renewing()
    {
        // c stopped renewing its 4 partitions but is not yet counted dead: a and b each take half of them.
        var leases = Leases(12, p => p < 4 ? ("a", false) : p < 8 ? ("b", false) : ("c", true));
        var live = new HashSet<string> { "a", "b", "c" };

        var plan = PartitionBalancer.Plan("a", View(Enumerable.Range(0, 4)), leases, live);

        Assert.Equal(4, plan.Target);
        Assert.Equal(2, plan.Acquire.Count);
        Assert.All(plan.Acquire, p => Assert.InRange(p, 8, 11));
    }

    [Fact]
    public void Released_partitions_are_not_taken_beyond_the_share()
    {
        var leases = Leases(12, p => p < 4 ? ("a", false) : p < 8 ? ("b", false) : (null, true));
        var live = new HashSet<string> { "a", "b", "c" };

        var plan = PartitionBalancer.Plan("a", View(Enumerable.Range(0, 4)), leases, live);

        Assert.True(plan.IsEmpty);
    }

    private static PartitionLeaseView View(IEnumerable<int> partitions) =>
        new(partitions.Select(p => new PartitionLease(p, 1)), Now);

    private static List<PartitionLeaseState> Free(int count) => Leases(count, _ => (null, true));

    private static List<PartitionLeaseState> Leases(int count, Func<int, (string? Owner, bool Expired)> state) =>
        [.. Enumerable.Range(0, count).Select(p => new PartitionLeaseState(p, state(p).Owner, 1, state(p).Expired))];
}
