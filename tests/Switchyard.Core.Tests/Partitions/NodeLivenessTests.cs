using Switchyard.Core.Partitions;

namespace Switchyard.Core.Tests.Partitions;

public sealed class NodeLivenessTests
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(16);

    [Fact]
    public void A_node_is_dead_after_two_stale_checks_in_a_row_and_live_again_once_it_heartbeats()
    {
        var liveness = new NodeLiveness(new PartitionOwnershipOptions());
        var verdicts = new List<bool>();
        foreach (var age in new[] { Stale, Fresh, Stale, Stale, Stale, Fresh })
        {
            var live = liveness.Check("a", [new("a", Fresh), new("b", age)], []);
            verdicts.Add(live.Contains("b"));
        }

        Assert.Equal([true, true, true, false, false, true], verdicts);
    }

    [Fact]
    public void The_observer_is_live_whatever_its_own_heartbeat_says_and_an_unlisted_owner_of_a_running_lease_counts()
    {
        var liveness = new NodeLiveness(new PartitionOwnershipOptions());

        liveness.Check("a", [new("a", Stale)], []);
        var live = liveness.Check("a", [new("a", Stale)], [new(0, "newcomer", 1, Expired: false), new(1, "gone", 1, Expired: true)]);

        Assert.Equal(["a", "newcomer"], live.Order());
        Assert.Empty(liveness.Dead);
    }

    [Fact]
    public void The_dead_are_listed_in_id_order()
    {
        var liveness = new NodeLiveness(new PartitionOwnershipOptions { DeadAfterStaleChecks = 1 });

        liveness.Check("a", [new("z", Stale), new("b", Stale), new("a", Fresh)], []);

        Assert.Equal(["b", "z"], liveness.Dead);
    }
}
