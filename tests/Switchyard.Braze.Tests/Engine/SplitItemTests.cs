using System.Net.Http.Json;

namespace Switchyard.Braze.Tests.Engine;

public sealed class SplitItemTests : DeliveryFixture
{
    [Fact]
    public async Task An_item_split_across_requests_resends_only_the_events_braze_did_not_take()
    {
        // The sandbox takes one request per window: the item's second request meets a 429.
        using (var put = await Control.PutAsJsonAsync("_sandbox/ratelimits", new { track = new { limit = 1 } }))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        var engine = Engine();
        await EnqueueAsync(11, "u1", Events(Enumerable.Range(0, 80).Select(i => $"E{i}").ToArray()));

        await engine.RunOnceAsync(CancellationToken.None);
        Assert.Equal([201, 429], (await TrackRequestsAsync()).Select(r => (int?)r!["status"]));
        Assert.Equal(75, await DataPointsAsync("events"));

        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(80, await DataPointsAsync("events"));
        var events = (await ExportAsync("u1"))!["custom_events"]!.AsArray();
        Assert.Equal(80, events.Count);
        Assert.All(events, e => Assert.Equal(1, (int?)e!["count"]));
    }
}
