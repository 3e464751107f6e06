using System.Globalization;
using System.Text;
using Switchyard.Core.Partitions;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Processing;

namespace Switchyard.Tests.Processing;

/// <summary>
/// Several partition lanes over real stores: each lane takes its own partitions, side by side, and a user who arrives
/// under two partition keys (with an MPID from a browser, with only a customer id from a server) loses no update.
/// </summary>
public sealed class PartitionLanesTests : IAsyncLifetime
{
    private const int Lanes = 4;
    private ProcessingStores _stores = null!;

    public async Task InitializeAsync() => _stores = await ProcessingStores.OpenAsync("switchyard-lanes");

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task A_user_sent_under_two_partition_keys_by_two_lanes_at_once_keeps_every_event()
    {
        var statistics = await ProcessingStatistics.ReadAsync(_stores.Profiles, default);
        var worker = Worker(statistics);
        await worker.StartAsync(default);
        try
        {
            // A customer id and an MPID whose partitions fall in different lanes.
            string customerId;
            long mpid;
            var candidate = 0;
            do
            {
                customerId = "both-sides-" + candidate++.ToString(CultureInfo.InvariantCulture);
                await _stores.Inbox.AppendAsync([Server(customerId, events: 0)], default);
                await WaitForAsync(statistics, candidate);
                mpid = (await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, customerId, default))!.Value;
            }
            while (LaneOf("customer_id:" + customerId) == LaneOf("mpid:" + mpid.ToString(CultureInfo.InvariantCulture)));

            const int PerSide = 150;
            var records = new List<InboxRecord>();
            for (var i = 0; i < PerSide; i++)
            {
                records.Add(Server(customerId, events: 1));
                records.Add(Browser(mpid, customerId));
            }

            foreach (var chunk in records.Chunk(20))
            {
                await _stores.Inbox.AppendAsync(chunk, default);
            }

            await WaitForAsync(statistics, candidate + records.Count);

            var profile = (await _stores.Profiles.FindProfileAsync(mpid, default))!;
            Assert.Equal(mpid, (await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, customerId, default)));
            Assert.Equal(2 * PerSide, profile.Events[EventKeys.Custom("Tap")].TotalCount);
            var stored = await _stores.Inbox.ReadAsync(0, 1000, default);
            Assert.Equal(2, stored.Where(b => b.Sequence > candidate).Select(b => b.Partition % Lanes).Distinct().Count());
        }
        finally
        {
            await worker.StopAsync(default);
        }
    }

    [Fact]
    public async Task Every_lane_processes_its_partitions_and_all_cursors_reach_the_last_batch()
    {
        var statistics = await ProcessingStatistics.ReadAsync(_stores.Profiles, default);
        var worker = Worker(statistics);
        var records = Enumerable.Range(0, 400).Select(i => Server("user-" + (i % 100).ToString(CultureInfo.InvariantCulture), events: 1)).ToList();
        foreach (var chunk in records.Chunk(50))
        {
            await _stores.Inbox.AppendAsync(chunk, default);
        }

        await worker.StartAsync(default);
        try
        {
            await WaitForAsync(statistics, records.Count);
        }
        finally
        {
            await worker.StopAsync(default);
        }

        var last = (await _stores.Inbox.ReadAsync(0, 1000, default))[^1].Sequence;
        Assert.Equal(last, (await _stores.Profiles.ReadCheckpointAsync(default)));
        Assert.All(await _stores.Profiles.ReadPartitionCursorsAsync(default), cursor => Assert.Equal(last, cursor));
        Assert.Equal(4, (await _stores.Profiles.FindProfileAsync((await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "user-7", default))!.Value, default))!.Events[EventKeys.Custom("Tap")].TotalCount);
        Assert.Equal(100, statistics.Totals.ProfilesCreated);
    }

    private ProcessorWorker Worker(ProcessingStatistics statistics) =>
        _stores.Worker(statistics, workspace: new Core.Workspace.Workspace([]) { PartitionWorkers = Lanes });

    private int LaneOf(string key) => UserPartitions.Of(key, _stores.Inbox.PartitionCount) % Lanes;

    private static async Task WaitForAsync(ProcessingStatistics statistics, long batches)
    {
        for (var attempt = 0; attempt < 600 && statistics.Batches < batches; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(batches, statistics.Batches);
    }

    private static InboxRecord Server(string customerId, int events) => Record(null, customerId, events);

    private static InboxRecord Browser(long mpid, string customerId) => Record(mpid, customerId, 1);

    private static InboxRecord Record(long? mpid, string customerId, int events)
    {
        var tap = """{"event_type":"custom_event","data":{"event_name":"Tap","custom_event_type":"other","timestamp_unixtime_ms":1761955200000}}""";
        var json = "{\"environment\":\"development\"" + (mpid is { } m ? ",\"mpid\":" + m.ToString(CultureInfo.InvariantCulture) : "")
            + ",\"user_identities\":{\"customer_id\":\"" + customerId + "\"},\"events\":[" + string.Join(",", Enumerable.Repeat(tap, events)) + "]}";
        var key = mpid is { } id ? "mpid:" + id.ToString(CultureInfo.InvariantCulture) : "customer_id:" + customerId;
        return new InboxRecord("f", null, Encoding.UTF8.GetBytes(json)) { PartitionKey = key };
    }
}
