using Switchyard.Storage.Sqlite.Partitions;

namespace Switchyard.Storage.Sqlite.Tests.Partitions;

public sealed class SqlitePartitionOwnershipTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_second_node_is_refused_while_the_first_holds_the_partitions_and_accepted_once_it_left()
    {
        var store = new SqlitePartitionOwnership(8);
        await store.RegisterAsync("first", None);
        await store.AcquireAsync("first", [0, 1], None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RegisterAsync("second", None));
        Assert.Contains("PostgreSQL", refused.Message, StringComparison.Ordinal);

        await store.LeaveAsync("first", None);
        await store.RegisterAsync("second", None);
        Assert.Equal([new(0, 2), new(1, 2)], await store.AcquireAsync("second", [0, 1], None));
    }

    [Fact]
    public async Task Leases_never_run_out()
    {
        var store = new SqlitePartitionOwnership(4);
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [0, 1, 2, 3], None);

        Assert.All(await store.ReadLeasesAsync(None), l => Assert.False(l.Expired));
        Assert.Equal(TimeSpan.Zero, Assert.Single(await store.ReadNodesAsync(None)).Age);
        Assert.Equal(0, await store.ForgetSilentNodesAsync(TimeSpan.Zero, None));
    }
}
