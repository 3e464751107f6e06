using Switchyard.Core.Delivery.Engine;
using System.Text.Json.Nodes;
using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Tests.Engine;

public sealed class DeliveryTests : DeliveryFixture
{
    [Fact]
    public async Task Events_purchases_and_attributes_of_users_arrive_at_braze_packed_into_one_request()
    {
        await EnqueueAsync(11, "u1", Events("Played", "Paused"), ("$FirstName", "Ann"));
        await EnqueueAsync(11, "u1", Purchase("sku-1"));
        await EnqueueAsync(12, "u2", Events("Played"), ("$FirstName", "Bob"));

        var settled = await Engine().RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, settled);
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var u1 = (await ExportAsync("u1"))!;
        Assert.Equal("Ann", (string?)u1["first_name"]);
        Assert.Equal(["Paused", "Played"], u1["custom_events"]!.AsArray().Select(e => (string?)e!["name"]).Order());
        Assert.Equal("sku-1", (string?)Assert.Single(u1["purchases"]!.AsArray())!["name"]);
        Assert.Equal("Bob", (string?)(await ExportAsync("u2"))!["first_name"]);
        // 2 attributes objects (u1's two items coalesce into one) + 3 events + 1 purchase, all in one request.
        var request = Assert.Single(await TrackRequestsAsync());
        Assert.Equal(201, (int?)request!["status"]);
        Assert.Equal(2, await DataPointsAsync("profile_attributes"));
        Assert.Equal(3, await DataPointsAsync("events"));
        Assert.Equal(1, await DataPointsAsync("purchases"));
    }

    [Fact]
    public async Task Objects_beyond_the_batch_rule_go_in_further_requests()
    {
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync(100 + i, $"u{i}", Events("A", "B"));
        }

        await Engine(Settings(",\"batchRule\":\"Combined50\"")).RunOnceAsync(CancellationToken.None);

        // 60 events under 50 per request: 25 users (50 events), then 5 users (10 events).
        Assert.Equal(2, (await TrackRequestsAsync()).Count);
        Assert.Equal(60, await DataPointsAsync("events"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }

    [Fact]
    public async Task Re_sending_an_unchanged_profile_costs_no_attribute_data_points_and_a_changed_field_costs_one()
    {
        var engine = Engine();
        await EnqueueAsync(11, "u1", "", ("$FirstName", "Ann"), ("$LastName", "Lee"));
        await engine.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, await DataPointsAsync("profile_attributes"));

        await EnqueueAsync(11, "u1", "");
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, await DataPointsAsync("profile_attributes"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));

        await EnqueueAsync(11, "u1", "", ("$FirstName", "Bea"));
        await engine.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, await DataPointsAsync("profile_attributes"));
        Assert.Equal("Bea", (string?)(await ExportAsync("u1"))!["first_name"]);
        Assert.Equal("Lee", (string?)(await ExportAsync("u1"))!["last_name"]);
    }

    [Fact]
    public async Task After_a_429_nothing_reaches_braze_before_the_advertised_reset_and_then_the_item_is_delivered()
    {
        await FaultAsync(new { kind = "status", status = 429, retry_after_seconds = 20, count = 1 });
        var engine = Engine();
        await EnqueueAsync(11, "u1", Events("Played"));
        var start = Time.GetUtcNow();

        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));
        for (var i = 0; i < 19; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(0, await engine.RunOnceAsync(CancellationToken.None));
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        var requests = await TrackRequestsAsync();
        Assert.Equal([429, 201], requests.Select(r => (int?)r!["status"]));
        Assert.True(DateTimeOffset.Parse((string)requests[1]!["time"]!, System.Globalization.CultureInfo.InvariantCulture) >= start.AddSeconds(20));
        Assert.Equal(1, await DataPointsAsync("events"));
    }

    [Fact]
    public async Task During_a_5xx_outage_items_back_off_and_after_recovery_all_are_delivered_once()
    {
        await FaultAsync(new { kind = "status", status = 503, count = 3 });
        var engine = Engine();
        await EnqueueAsync(11, "u1", Events("A"));
        await EnqueueAsync(12, "u2", Events("B"));

        await engine.RunOnceAsync(CancellationToken.None);
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.All((await QueuedAsync()), item =>
        {
            Assert.Equal(1, item.Attempts);
            Assert.StartsWith("503", item.LastError, StringComparison.Ordinal);
            Assert.InRange(item.NextAttemptAtMs - now, 800, 1200);
        });

        Time.Advance(TimeSpan.FromSeconds(2));
        await engine.RunOnceAsync(CancellationToken.None);
        now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.All((await QueuedAsync()), item =>
        {
            Assert.Equal(2, item.Attempts);
            Assert.InRange(item.NextAttemptAtMs - now, 1600, 2400);
        });

        for (var i = 0; i < 5 && await Store.CountQueuedAsync(OutputId, default) > 0; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(5));
            await engine.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(2, await DataPointsAsync("events"));
        Assert.Equal([503, 503, 503, 201], (await TrackRequestsAsync()).Select(r => (int?)r!["status"]));
    }

    [Fact]
    public async Task An_item_older_than_the_max_age_that_fails_again_is_dead_lettered()
    {
        await FaultAsync(new { kind = "status", status = 503, count = 100 });
        var engine = Engine(options: new DeliveryOptions { JitterSeed = 1, MaxAge = TimeSpan.FromHours(1) });
        await EnqueueAsync(11, "u1", Events("A"));

        await engine.RunOnceAsync(CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(2));
        await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var dead = Assert.Single(await Store.DeadLettersAsync(OutputId, 0, 10, default));
        Assert.StartsWith("gave up after 2 attempts", dead.Reason, StringComparison.Ordinal);
        Assert.Contains("503", dead.Reason, StringComparison.Ordinal);
    }
}
