using System.Collections.Concurrent;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Postgres.Tests.Partitions;

/// <summary>
/// Nodes acquiring, renewing and releasing the same partitions at once, with leases running out between rounds so that
/// takeovers and stale renewals mix with everything else: no epoch is ever handed out twice, epochs only grow, and at no
/// moment do two nodes hold the same partition.
/// </summary>
public sealed class PartitionLeaseContentionTests : IAsyncLifetime
{
    private const int Nodes = 4;
    private const int Rounds = 25;
    private static readonly CancellationToken None = CancellationToken.None;
    private LeaseCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LeaseCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Concurrent_acquisitions_renewals_and_releases_never_give_a_partition_to_two_holders_and_epochs_only_grow()
    {
        var seed = Environment.TickCount;
        var stores = new List<IPartitionOwnership>();
        for (var i = 0; i < Nodes; i++)
        {
            stores.Add(await _cluster.OpenStoreAsync());
        }

        var held = Enumerable.Range(0, Nodes).Select(_ => new Dictionary<int, long>()).ToArray();
        var random = Enumerable.Range(0, Nodes).Select(i => new Random(seed + i)).ToArray();
        var acquisitions = new ConcurrentBag<(int Partition, long Epoch, int Node)>();
        var failures = new ConcurrentQueue<string>();

        for (var round = 0; round < Rounds; round++)
        {
            // Every node does a few random things at the same time as the others.
            await Task.WhenAll(Enumerable.Range(0, Nodes).Select(n => Task.Run(async () =>
            {
                var node = "node-" + n;
                for (var op = 0; op < 3; op++)
                {
                    switch (random[n].Next(3))
                    {
                        case 0:
                            var wanted = Enumerable.Range(0, LeaseCluster.Partitions).Where(_ => random[n].Next(2) == 0).ToList();
                            foreach (var lease in await stores[n].AcquireAsync(node, wanted, None))
                            {
                                if (held[n].TryGetValue(lease.Partition, out var before) && before >= lease.Epoch)
                                {
                                    failures.Enqueue($"{node} acquired partition {lease.Partition} at epoch {lease.Epoch} after holding it at {before}");
                                }

                                held[n][lease.Partition] = lease.Epoch;
                                acquisitions.Add((lease.Partition, lease.Epoch, n));
                            }

                            break;
                        case 1:
                            await RenewAsync(stores[n], node, held[n]);
                            break;
                        default:
                            var release = held[n].Where(_ => random[n].Next(4) == 0).Select(h => new PartitionLease(h.Key, h.Value)).ToList();
                            foreach (var partition in await stores[n].ReleaseAsync(node, release, None))
                            {
                                held[n].Remove(partition);
                            }

                            break;
                    }
                }
            })));

            // All renew at the same moment: whatever each still holds, no two hold the same partition.
            await Task.WhenAll(Enumerable.Range(0, Nodes).Select(n => Task.Run(() => RenewAsync(stores[n], "node-" + n, held[n]))));
            var holders = held.SelectMany((h, n) => h.Keys.Select(p => (Partition: p, Node: n))).GroupBy(x => x.Partition).Where(g => g.Count() > 1).ToList();
            Assert.True(holders.Count == 0, $"seed {seed}, round {round}: partition {holders.FirstOrDefault()?.Key} held by nodes {string.Join(", ", holders.FirstOrDefault()?.Select(x => x.Node) ?? [])}");

            // Every third round, every lease runs out: the next round's acquisitions take over what others held.
            if (round % 3 == 2)
            {
                _cluster.Time.Advance(_cluster.Options.LeaseDuration + TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(failures.IsEmpty, $"seed {seed}: {string.Join("; ", failures.Take(5))}");
        var leases = await _cluster.LeasesAsync();
        var byPartition = acquisitions.GroupBy(a => a.Partition).ToDictionary(g => g.Key, g => g.Select(a => a.Epoch).Order().ToList());
        Assert.True(acquisitions.Count > LeaseCluster.Partitions, $"seed {seed}: only {acquisitions.Count} acquisitions; the test did not contend");
        foreach (var lease in leases)
        {
            var epochs = byPartition.GetValueOrDefault(lease.Partition) ?? [];
            Assert.True(
                epochs.SequenceEqual(Enumerable.Range(1, (int)lease.Epoch).Select(e => (long)e)),
                $"seed {seed}: partition {lease.Partition} is at epoch {lease.Epoch} but was handed out at epochs [{string.Join(", ", epochs)}]");
        }
    }

    private static async Task RenewAsync(IPartitionOwnership store, string node, Dictionary<int, long> held)
    {
        var kept = (await store.RenewAsync(node, [.. held.Select(h => new PartitionLease(h.Key, h.Value))], None)).Select(l => l.Partition).ToHashSet();
        foreach (var lost in held.Keys.Where(p => !kept.Contains(p)).ToList())
        {
            held.Remove(lost);
        }
    }
}
