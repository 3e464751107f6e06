using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Partitions;

namespace Switchyard.Core.Tests.Partitions;

public sealed class PartitionOwnershipLoopTests : IDisposable
{
    private const int Partitions = 256;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PartitionOwnershipOptions Options = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SharedLeaseTable _table;
    private readonly List<PartitionOwnershipLoop> _loops = [];

    public PartitionOwnershipLoopTests()
    {
        _table = new SharedLeaseTable(Partitions, _time, Options.LeaseDuration);
    }

    [Fact]
    public async Task A_node_alone_acquires_every_partition_at_epoch_one_and_trusts_them_until_its_step_start_plus_the_lease_less_the_margin()
    {
        var a = Loop("a");
        var started = _time.GetUtcNow();

        var change = await a.StepAsync(None);

        Assert.Equal(Partitions, change.Acquired.Count);
        Assert.All(a.Current.Leases, l => Assert.Equal(1, l.Epoch));
        Assert.Equal(Enumerable.Range(0, Partitions), a.Current.Partitions);
        Assert.Equal(started + TimeSpan.FromSeconds(14), a.Current.TrustedUntil);
        Assert.Equal(Partitions, a.Target);
    }

    [Fact]
    public async Task Renewal_moves_the_trust_window_and_keeps_the_epochs()
    {
        var a = Loop("a");
        await a.StepAsync(None);
        _time.Advance(Options.RenewInterval);

        var change = await a.StepAsync(None);

        Assert.Empty(change.Acquired);
        Assert.Empty(change.Lost);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(14), a.Current.TrustedUntil);
        Assert.Equal(1, a.Current.TrustedEpochOf(7, _time.GetUtcNow()));
    }

    [Theory]
    [InlineData(2, 128, 128)]
    [InlineData(3, 85, 86)]
    [InlineData(5, 51, 52)]
    [InlineData(7, 36, 37)]
    public async Task Nodes_that_start_together_split_the_partitions_evenly_and_never_share_one(int nodes, int fewest, int most)
    {
        var loops = Enumerable.Range(0, nodes).Select(i => Loop("node-" + i)).ToArray();

        await RoundsAsync(4, loops);

        Assert.All(loops, l => Assert.InRange(l.Current.Count, fewest, most));
        AssertDisjointAndComplete(loops);
    }

    [Fact]
    public async Task A_node_that_stops_renewing_loses_its_partitions_to_the_others_within_the_lease_plus_one_interval_with_their_epochs_incremented()
    {
        var (a, b, c) = (Loop("a"), Loop("b"), Loop("c"));
        await RoundsAsync(4, a, b, c);
        var cHeld = c.Current.Leases;
        var lastRenewal = _time.GetUtcNow() - Options.RenewInterval;

        while (_time.GetUtcNow() < lastRenewal + Options.LeaseDuration + Options.RenewInterval)
        {
            _time.Advance(Options.RenewInterval);
            await a.StepAsync(None);
            await b.StepAsync(None);
        }

        var owners = _table.LiveOwners();
        Assert.All(cHeld, l => Assert.NotEqual("c", owners[l.Partition]));
        Assert.All(cHeld, l => Assert.Equal(l.Epoch + 1, (a.Current.EpochOf(l.Partition) ?? b.Current.EpochOf(l.Partition))!.Value));
        Assert.Equal(Partitions, a.Current.Count + b.Current.Count);
        AssertDisjointAndComplete(a, b);
    }

    [Fact]
    public async Task Once_the_silent_node_is_counted_dead_the_survivors_even_out_their_shares()
    {
        var (a, b, c) = (Loop("a"), Loop("b"), Loop("c"));
        await RoundsAsync(4, a, b, c);

        await RoundsAsync(10, a, b);

        Assert.Equal(["c"], a.DeadNodes);
        Assert.Equal(128, a.Target);
        Assert.Equal(128, a.Current.Count);
        Assert.Equal(128, b.Current.Count);
    }

    [Fact]
    public async Task A_node_is_counted_dead_only_after_two_checks_in_a_row_find_its_heartbeat_older_than_three_intervals()
    {
        var (a, b) = (Loop("a"), Loop("b"));
        await RoundsAsync(2, a, b);

        // b falls silent 5 s before the first look (its heartbeat is 10 s old then); its heartbeat is more than 15 s old at the
        // third and fourth looks, so the fourth counts it dead.
        var verdicts = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Options.RenewInterval);
            await a.StepAsync(None);
            verdicts.Add(a.DeadNodes.Contains("b"));
        }

        Assert.Equal([false, false, false, true, true], verdicts);
    }

    [Fact]
    public async Task A_paused_node_learns_at_its_next_renewal_that_its_partitions_were_taken_and_drops_them_at_once()
    {
        var (a, b) = (Loop("a"), Loop("b"));
        await RoundsAsync(3, a, b);
        var aHeld = a.Current.Partitions;
        var changes = new List<PartitionOwnershipChange>();
        a.Changed += (_, change) => changes.Add(change);

        // a pauses past its lease; b takes over.
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Options.RenewInterval);
            await b.StepAsync(None);
        }

        Assert.False(a.Current.IsTrusted(_time.GetUtcNow()));
        Assert.All(aHeld, p => Assert.True(b.Current.Owns(p)));

        var resumed = await a.StepAsync(None);

        Assert.Equal(aHeld, resumed.Lost);
        Assert.Equal(aHeld, changes[0].Lost);
        Assert.Equal(0, a.Current.Count);

        // Back in the node list, it gets a share again, each partition at a newer epoch than any it held before.
        await RoundsAsync(3, b, a);
        Assert.Equal(128, a.Current.Count);
        Assert.All(a.Current.Leases, l => Assert.True(l.Epoch >= 3, $"partition {l.Partition} at epoch {l.Epoch}"));
    }

    [Fact]
    public async Task A_joining_node_gets_its_share_as_the_others_shed_their_surplus_and_no_partition_ever_has_two_holders()
    {
        var (a, b) = (Loop("a"), Loop("b"));
        await RoundsAsync(3, a, b);
        var c = Loop("c");

        for (var round = 0; round < 4; round++)
        {
            _time.Advance(Options.RenewInterval);
            foreach (var loop in new[] { c, a, b })
            {
                await loop.StepAsync(None);
                AssertDisjoint(a, b, c);
            }
        }

        Assert.All(new[] { a, b, c }, l => Assert.InRange(l.Current.Count, 85, 86));
        AssertDisjointAndComplete(a, b, c);
    }

    [Fact]
    public async Task A_node_that_leaves_frees_everything_and_another_takes_it_at_its_next_step_without_waiting_for_expiry()
    {
        var (a, b) = (Loop("a"), Loop("b"));
        await RoundsAsync(3, a, b);
        var aHeld = a.Current.Leases;

        await a.LeaveAsync(None);
        var change = await b.StepAsync(None);

        Assert.Equal(0, a.Current.Count);
        Assert.Equal(aHeld.Select(l => l.Partition), change.Acquired.Select(l => l.Partition));
        Assert.All(change.Acquired, l => Assert.Equal(aHeld.Single(h => h.Partition == l.Partition).Epoch + 1, l.Epoch));
        Assert.Equal(Partitions, b.Current.Count);
        Assert.DoesNotContain(await _table.ReadNodesAsync(None), n => n.NodeId == "a");
    }

    [Fact]
    public async Task A_failed_step_keeps_the_leases_only_until_their_trust_window_ends()
    {
        var a = Loop("a");
        await a.StepAsync(None);
        var trustedUntil = a.Current.TrustedUntil;
        _time.Advance(Options.RenewInterval);
        _table.FailNext = nameof(IPartitionOwnership.RenewAsync);

        await Assert.ThrowsAsync<IOException>(() => a.StepAsync(None));

        Assert.Equal(Partitions, a.Current.Count);
        Assert.Equal(trustedUntil, a.Current.TrustedUntil);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(a.Current.TrustedEpochOf(0, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromSeconds(1));
        await a.StepAsync(None);
        Assert.Equal(1, a.Current.TrustedEpochOf(0, _time.GetUtcNow()));
    }

    [Fact]
    public async Task A_step_renews_before_it_reads_and_reads_the_leases_before_the_node_list()
    {
        var a = Loop("a");
        await a.StepAsync(None);
        _table.Calls.Clear();

        await a.StepAsync(None);

        Assert.Equal(["HeartbeatAsync a", "RenewAsync a", "ReadLeasesAsync", "ReadNodesAsync"], _table.Calls);
    }

    [Fact]
    public async Task Running_steps_again_each_interval_on_the_clock_survives_a_failed_step_and_ends_when_cancelled()
    {
        var a = Loop("a");
        using var stop = new CancellationTokenSource();
        _table.FailNext = nameof(IPartitionOwnership.ReadLeasesAsync);

        var running = a.RunAsync(stop.Token);

        Assert.Equal(0, a.Current.Count);
        await WhileTheClockMovesAsync(() => a.Current.Count == Partitions, "the step after the failed one acquires every partition");
        await WhileTheClockMovesAsync(() => _table.CountCalls("RenewAsync a") >= 1, "a later step renews");
        await stop.CancelAsync();
        await running;
        Assert.Equal(Partitions, a.Current.Count);
    }

    [Fact]
    public async Task Silent_nodes_are_forgotten_after_the_configured_time()
    {
        var (a, b) = (Loop("a"), Loop("b"));
        await RoundsAsync(2, a, b);

        _time.Advance(Options.ForgetNodesAfter + TimeSpan.FromSeconds(1));
        await a.StepAsync(None);

        Assert.Equal(["a"], (await _table.ReadNodesAsync(None)).Select(n => n.NodeId));
    }

    public void Dispose() => _loops.ForEach(l => l.Dispose());

    private PartitionOwnershipLoop Loop(string node)
    {
        var loop = new PartitionOwnershipLoop(_table, node, Options, _time);
        _loops.Add(loop);
        return loop;
    }

    private async Task RoundsAsync(int rounds, params PartitionOwnershipLoop[] loops)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var loop in loops)
            {
                await loop.StepAsync(None);
            }

            _time.Advance(Options.RenewInterval);
        }
    }

    private static void AssertDisjoint(params PartitionOwnershipLoop[] loops)
    {
        var all = loops.SelectMany(l => l.Current.Partitions).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    private static void AssertDisjointAndComplete(params PartitionOwnershipLoop[] loops)
    {
        AssertDisjoint(loops);
        Assert.Equal(Enumerable.Range(0, Partitions), loops.SelectMany(l => l.Current.Partitions).Order());
    }

    /// <summary>
    /// Moves the clock one renewal interval at a time until the running loop gets somewhere; the loop runs on the thread
    /// pool, so each move is followed by a short real pause for it to act. Fails after 10 s of real time.
    /// </summary>
    private async Task WhileTheClockMovesAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Not within 10 s: {what}.");
            _time.Advance(Options.RenewInterval);
            await Task.Delay(20);
        }
    }
}
