using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Storage.Postgres.Partitions;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Partitions;

/// <summary>Several nodes sharing the partitions of one database (postgres-queue design §6.6, §6.12 (c) and (f) at the lease level).</summary>
public sealed class PostgresPartitionOwnershipTests : IAsyncLifetime
{
    private const int Partitions = LeaseCluster.Partitions;
    private static readonly CancellationToken None = CancellationToken.None;
    private LeaseCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LeaseCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(2, 128, 128)]
    [InlineData(3, 85, 86)]
    public async Task Nodes_split_the_partitions_evenly_and_never_share_one(int count, int fewest, int most)
    {
        var nodes = new List<PartitionOwnershipLoop>();
        for (var i = 0; i < count; i++)
        {
            nodes.Add(await _cluster.NodeAsync("node-" + i));
        }

        await _cluster.RoundsAsync(3, [.. nodes]);

        Assert.All(nodes, n => Assert.InRange(n.Current.Count, fewest, most));
        Assert.Equal(Partitions, nodes.Sum(n => n.Current.Count));
        await _cluster.AssertViewsMatchTheDatabaseAsync([.. nodes]);
    }

    [Fact]
    public async Task A_node_that_stops_renewing_keeps_its_partitions_until_the_lease_runs_out_then_the_others_take_them_at_the_next_epoch()
    {
        var (a, b, c) = (await _cluster.NodeAsync("a"), await _cluster.NodeAsync("b"), await _cluster.NodeAsync("c"));
        await _cluster.RoundsAsync(3, a, b, c);
        var cHeld = c.Current.Leases;
        var lastRenewal = _cluster.Time.GetUtcNow() - _cluster.Options.RenewInterval;

        // Up to the lease's end, nobody takes c's partitions.
        while (_cluster.Time.GetUtcNow() + _cluster.Options.RenewInterval <= lastRenewal + _cluster.Options.LeaseDuration)
        {
            _cluster.Time.Advance(_cluster.Options.RenewInterval);
            await a.StepAsync(None);
            await b.StepAsync(None);
            var leases = await _cluster.LeasesAsync();
            Assert.All(cHeld, l => Assert.Equal("c", leases[l.Partition].Owner));
        }

        // Within one more interval, the survivors hold all of them, each at the next epoch.
        _cluster.Time.Advance(_cluster.Options.RenewInterval);
        await a.StepAsync(None);
        await b.StepAsync(None);

        var after = await _cluster.LeasesAsync();
        Assert.All(cHeld, l => Assert.Equal((after[l.Partition].Owner is "a" or "b", l.Epoch + 1), (true, after[l.Partition].Epoch)));
        Assert.Equal(Partitions, a.Current.Count + b.Current.Count);
        await _cluster.AssertViewsMatchTheDatabaseAsync(a, b);
    }

    [Fact]
    public async Task A_paused_node_stops_trusting_its_leases_before_another_can_take_them_and_its_renewal_after_the_takeover_reports_the_loss()
    {
        var (a, b) = (await _cluster.NodeAsync("a"), await _cluster.NodeAsync("b"));
        await _cluster.RoundsAsync(3, a, b);
        var aHeld = a.Current.Leases;
        var aTrustedUntil = a.Current.TrustedUntil;
        var aStore = await _cluster.OpenStoreAsync();

        // a pauses; b steps until it holds a's partitions.
        while (!aHeld.All(l => b.Current.Owns(l.Partition)))
        {
            _cluster.Time.Advance(_cluster.Options.RenewInterval);
            await b.StepAsync(None);
            if (aHeld.Any(l => b.Current.Owns(l.Partition)))
            {
                Assert.True(_cluster.Time.GetUtcNow() >= aTrustedUntil, "b took over while a could still trust its lease");
            }
        }

        // At the lease level: a's renewal at its old epochs returns nothing, and so does a release.
        Assert.Empty(await aStore.RenewAsync("a", aHeld, None));
        Assert.Empty(await aStore.ReleaseAsync("a", aHeld, None));

        // Its loop drops them at once and later gets a share back, each partition at a newer epoch than b's.
        var takenOver = (await _cluster.LeasesAsync()).ToDictionary(l => l.Partition, l => l.Epoch);
        var resumed = await a.StepAsync(None);
        Assert.Equal(aHeld.Select(l => l.Partition), resumed.Lost);
        await _cluster.RoundsAsync(3, b, a);
        Assert.Equal(128, a.Current.Count);
        Assert.All(a.Current.Leases, l => Assert.Equal(takenOver[l.Partition] + 1, l.Epoch));
        await _cluster.AssertViewsMatchTheDatabaseAsync(a, b);
    }

    [Fact]
    public async Task A_node_that_leaves_hands_its_partitions_over_at_once_without_a_lease_wait()
    {
        var (a, b) = (await _cluster.NodeAsync("a"), await _cluster.NodeAsync("b"));
        await _cluster.RoundsAsync(3, a, b);
        var aHeld = a.Current.Leases;

        await a.LeaveAsync(None);
        var change = await b.StepAsync(None);

        Assert.Equal(aHeld.Select(l => new PartitionLease(l.Partition, l.Epoch + 1)), change.Acquired);
        Assert.Equal(Partitions, b.Current.Count);
        Assert.Equal(["b"], (await ((IPartitionOwnership)await _cluster.OpenStoreAsync()).ReadNodesAsync(None)).Select(n => n.NodeId));
        await _cluster.AssertViewsMatchTheDatabaseAsync(b);
    }

    [Fact]
    public async Task A_joining_node_gets_its_share_as_the_others_shed_their_surplus_and_no_partition_is_ever_held_twice()
    {
        var (a, b) = (await _cluster.NodeAsync("a"), await _cluster.NodeAsync("b"));
        await _cluster.RoundsAsync(3, a, b);
        var before = (await _cluster.LeasesAsync()).ToDictionary(l => l.Partition, l => l.Epoch);
        var c = await _cluster.NodeAsync("c");

        for (var round = 0; round < 3; round++)
        {
            foreach (var node in new[] { c, a, b })
            {
                await node.StepAsync(None);
                await _cluster.AssertViewsMatchTheDatabaseAsync(a, b, c);
            }

            _cluster.Time.Advance(_cluster.Options.RenewInterval);
        }

        Assert.Equal([86, 85, 85], new[] { a, b, c }.Select(n => n.Current.Count));
        Assert.All(c.Current.Leases, l => Assert.Equal(before[l.Partition] + 1, l.Epoch));
    }

    [Fact]
    public async Task Nodes_acquiring_the_same_partitions_at_the_same_moment_split_them_with_nothing_taken_twice()
    {
        var stores = new List<IPartitionOwnership>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await _cluster.OpenStoreAsync());
        }

        var all = Enumerable.Range(0, Partitions).ToArray();
        using var start = new SemaphoreSlim(0);
        var racing = stores.Select((s, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await s.AcquireAsync("node-" + i, all, None);
        })).ToList();
        start.Release(stores.Count);
        var results = await Task.WhenAll(racing);

        var taken = results.SelectMany(r => r.Select(l => l.Partition)).ToList();
        Assert.Equal(all, taken.Order());
        Assert.All(results.SelectMany(r => r), l => Assert.Equal(1, l.Epoch));
    }

    [Fact]
    public async Task The_database_clock_is_used_when_no_test_clock_stands_in()
    {
        await using var store = await PostgresPartitionOwnership.OpenAsync(_cluster.Database.Options, _cluster.Options);

        await store.RegisterAsync("n", None);
        var acquired = await store.AcquireAsync("n", [0, 1], None);
        var renewed = await store.RenewAsync("n", acquired, None);

        Assert.Equal(acquired, renewed);
        var leases = await store.ReadLeasesAsync(None);
        Assert.False(leases[0].Expired);
        Assert.True(leases[2].Expired);
        Assert.InRange(Assert.Single(await store.ReadNodesAsync(None)).Age, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Epochs_survive_a_restart_of_every_node()
    {
        var first = await _cluster.OpenStoreAsync();
        await first.RegisterAsync("n", None);
        await first.AcquireAsync("n", [9], None);
        await first.LeaveAsync("n", None);

        var second = await _cluster.OpenStoreAsync();

        Assert.Equal([new PartitionLease(9, 2)], await second.AcquireAsync("n", [9], None));
    }

    [Fact]
    public async Task Nodes_starting_together_create_the_tables_and_one_row_per_partition_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _cluster.OpenStoreAsync()));

        await using var connection = new NpgsqlConnection(_cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT partition) FROM partition_lease", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((Partitions, Partitions), ((int)reader.GetInt64(0), (int)reader.GetInt64(1)));
        Assert.All(opened, o => Assert.Equal(Partitions, o.PartitionCount));
    }
}
