using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Partitions;
using Switchyard.Storage.Postgres.Partitions;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Partitions;

/// <summary>
/// Several nodes on one test database, each with a provider (and so a connection pool) of its own, as separate
/// processes would have, and one fake clock standing in for the database's clock and every node's own.
/// </summary>
internal sealed class LeaseCluster : IAsyncDisposable
{
    public const int Partitions = 256;

    private readonly List<PostgresPartitionOwnership> _stores = [];
    private readonly List<PartitionOwnershipLoop> _loops = [];

    private LeaseCluster(TemporaryDatabase database) => Database = database;

    public TemporaryDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public PartitionOwnershipOptions Options { get; } = new();

    public static async Task<LeaseCluster> StartAsync() => new(await TemporaryDatabase.CreateAsync());

    /// <summary>A provider of its own on the shared database and clock.</summary>
    public async Task<PostgresPartitionOwnership> OpenStoreAsync()
    {
        var store = await PostgresPartitionOwnership.OpenAsync(Database.Options, Options, Time, CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    /// <summary>A node: a loop on a provider of its own.</summary>
    public async Task<PartitionOwnershipLoop> NodeAsync(string nodeId)
    {
        var loop = new PartitionOwnershipLoop(await OpenStoreAsync(), nodeId, Options, Time);
        _loops.Add(loop);
        return loop;
    }

    /// <summary>Steps each node once per round, in the order given, moving the clock one interval after each round.</summary>
    public async Task RoundsAsync(int rounds, params PartitionOwnershipLoop[] nodes)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var node in nodes)
            {
                await node.StepAsync(CancellationToken.None);
            }

            Time.Advance(Options.RenewInterval);
        }
    }

    /// <summary>The leases as the database holds them.</summary>
    public Task<IReadOnlyList<PartitionLeaseState>> LeasesAsync() => _stores[0].ReadLeasesAsync(CancellationToken.None);

    /// <summary>
    /// Checks that the nodes' views never overlap and that each agrees with the database: every partition a node holds is
    /// owned by it there, at the same epoch.
    /// </summary>
    public async Task AssertViewsMatchTheDatabaseAsync(params PartitionOwnershipLoop[] nodes)
    {
        var leases = await LeasesAsync();
        var held = nodes.SelectMany(n => n.Current.Partitions).ToList();
        Assert.Equal(held.Count, held.Distinct().Count());
        foreach (var node in nodes)
        {
            foreach (var lease in node.Current.Leases)
            {
                Assert.Equal(new PartitionLeaseState(lease.Partition, node.NodeId, lease.Epoch, Expired: false), leases[lease.Partition]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _loops.ForEach(l => l.Dispose());
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
