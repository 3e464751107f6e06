using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// What every partition ownership provider must do for one node: acquire, renew, release and leave, with epochs that
/// only grow. A provider's test class says how to open it on <see cref="Time"/> (which also stands in for the store's
/// clock where the store has one); cases with several nodes live with the providers that support them.
/// </summary>
public abstract class PartitionOwnershipComplianceTests : IAsyncLifetime
{
    protected const int Partitions = 256;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<IPartitionOwnership> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected static PartitionOwnershipOptions Options { get; } = new();

    /// <summary>Opens the provider for <see cref="Partitions"/> partitions, with <see cref="Time"/> as its clock.</summary>
    protected abstract Task<IPartitionOwnership> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_node_alone_acquires_every_partition_at_epoch_one_through_the_loop()
    {
        var store = await OpenAsync();
        using var loop = new PartitionOwnershipLoop(store, "solo", Options, Time);

        var change = await loop.StepAsync(None);

        Assert.Equal(Partitions, store.PartitionCount);
        Assert.Equal(Enumerable.Range(0, Partitions), change.Acquired.Select(l => l.Partition));
        Assert.All(change.Acquired, l => Assert.Equal(1, l.Epoch));
        Assert.Equal(Time.GetUtcNow() + Options.LeaseDuration - Options.SafetyMargin, loop.Current.TrustedUntil);
    }

    [Fact]
    public async Task The_loop_keeps_its_leases_across_renewals_without_changing_their_epochs()
    {
        var store = await OpenAsync();
        using var loop = new PartitionOwnershipLoop(store, "solo", Options, Time);
        await loop.StepAsync(None);

        for (var i = 0; i < 5; i++)
        {
            Time.Advance(Options.RenewInterval);
            var change = await loop.StepAsync(None);
            Assert.Empty(change.Acquired);
            Assert.Empty(change.Lost);
        }

        Assert.Equal(Partitions, loop.Current.Count);
        Assert.All(loop.Current.Leases, l => Assert.Equal(1, l.Epoch));
        Assert.Equal(1, loop.Current.TrustedEpochOf(42, Time.GetUtcNow()));
    }

    [Fact]
    public async Task Acquiring_a_partition_the_node_already_holds_takes_nothing_and_keeps_its_epoch()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [1, 2], None);

        var again = await store.AcquireAsync("n", [1, 2, 3], None);

        Assert.Equal([new PartitionLease(3, 1)], again);
        Assert.Equal([1L, 1L, 1L], (await store.ReadLeasesAsync(None)).Where(l => l.Partition is >= 1 and <= 3).Select(l => l.Epoch));
    }

    [Fact]
    public async Task Renewal_returns_the_leases_still_held_at_their_epoch_and_leaves_out_a_stale_epoch()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [0, 1, 2], None);
        await store.ReleaseAsync("n", [new(2, 1)], None);
        var reacquired = await store.AcquireAsync("n", [2], None);

        var renewed = await store.RenewAsync("n", [new(0, 1), new(1, 1), new(2, 1)], None);

        Assert.Equal([new PartitionLease(2, 2)], reacquired);
        Assert.Equal([new PartitionLease(0, 1), new PartitionLease(1, 1)], renewed);
    }

    [Fact]
    public async Task A_released_partition_is_free_and_its_next_acquisition_increments_the_epoch()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [5, 6], None);

        var freed = await store.ReleaseAsync("n", [new(5, 1), new(6, 1)], None);
        var leases = await store.ReadLeasesAsync(None);

        Assert.Equal([5, 6], freed);
        Assert.All(leases.Where(l => l.Partition is 5 or 6), l => Assert.True(l.Owner is null && l.Available));
        Assert.Equal([new PartitionLease(5, 2)], await store.AcquireAsync("n", [5], None));
        Assert.Equal([new PartitionLease(6, 2)], await store.AcquireAsync("n", [6], None));
    }

    [Fact]
    public async Task Releasing_at_an_epoch_the_node_no_longer_holds_frees_nothing()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [7], None);
        await store.ReleaseAsync("n", [new(7, 1)], None);
        await store.AcquireAsync("n", [7], None);

        var freed = await store.ReleaseAsync("n", [new(7, 1)], None);

        Assert.Empty(freed);
        Assert.Equal(new PartitionLeaseState(7, "n", 2, Expired: false), (await store.ReadLeasesAsync(None))[7]);
    }

    [Fact]
    public async Task The_lease_states_name_the_owner_and_epoch_of_held_partitions_and_show_the_others_free()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        await store.AcquireAsync("n", [3], None);

        var leases = await store.ReadLeasesAsync(None);

        Assert.Equal(Enumerable.Range(0, Partitions), leases.Select(l => l.Partition));
        Assert.Equal(new PartitionLeaseState(3, "n", 1, Expired: false), leases[3]);
        Assert.Equal(new PartitionLeaseState(4, null, 0, Expired: true), leases[4]);
    }

    [Fact]
    public async Task A_registered_node_is_listed_with_a_fresh_heartbeat()
    {
        var store = await OpenAsync();

        await store.RegisterAsync("n", None);
        await store.HeartbeatAsync("n", None);

        var node = Assert.Single(await store.ReadNodesAsync(None));
        Assert.Equal("n", node.NodeId);
        Assert.True(node.Age <= Options.StaleAfter, $"heartbeat age {node.Age}");
    }

    [Fact]
    public async Task Leaving_frees_every_partition_and_removes_the_node_and_the_loop_joins_again_at_the_next_epoch()
    {
        var store = await OpenAsync();
        using var loop = new PartitionOwnershipLoop(store, "solo", Options, Time);
        await loop.StepAsync(None);
        var changes = new List<PartitionOwnershipChange>();
        loop.Changed += (_, change) => changes.Add(change);

        await loop.LeaveAsync(None);

        Assert.Equal(0, loop.Current.Count);
        Assert.Equal(Partitions, Assert.Single(changes).Released.Count);
        Assert.All(await store.ReadLeasesAsync(None), l => Assert.Null(l.Owner));
        Assert.Empty(await store.ReadNodesAsync(None));

        var rejoined = await loop.StepAsync(None);
        Assert.Equal(Partitions, rejoined.Acquired.Count);
        Assert.All(rejoined.Acquired, l => Assert.Equal(2, l.Epoch));
    }

    [Fact]
    public async Task Partitions_outside_the_count_are_refused()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.AcquireAsync("n", [Partitions], None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RenewAsync("n", [new(-1, 1)], None));
    }

    [Fact]
    public async Task A_cancelled_call_does_nothing_and_says_so()
    {
        var store = await OpenAsync();
        await store.RegisterAsync("n", None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AcquireAsync("n", [0], cancelled.Token));

        Assert.Null((await store.ReadLeasesAsync(None))[0].Owner);
    }

    private async Task<IPartitionOwnership> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }
}
