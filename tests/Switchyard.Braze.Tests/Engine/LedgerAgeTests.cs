namespace Switchyard.Braze.Tests.Engine;

public sealed class LedgerAgeTests : DeliveryFixture
{
    [Fact]
    public async Task An_attribute_acknowledged_longer_ago_than_ledgerMaxAge_is_sent_again_with_the_next_update()
    {
        var engine = Engine(Settings(",\"ledgerMaxAge\":\"PT1H\""));
        await EnqueueAsync(21, "age-1", "", ("plan", "pro"), ("tier", "gold"));
        await RunUntilIdleAsync(engine);
        Assert.Equal(2, await DataPointsAsync("custom_attributes"));

        // Within the age limit the ledger holds: the same values cost nothing.
        Time.Advance(TimeSpan.FromMinutes(59));
        await EnqueueAsync(21, "age-1", Events("A"));
        await RunUntilIdleAsync(engine);
        Assert.Equal(2, await DataPointsAsync("custom_attributes"));

        // Past it, both are sent once more (Braze may have lost them), and then trusted again for another hour.
        Time.Advance(TimeSpan.FromMinutes(2));
        await EnqueueAsync(21, "age-1", Events("B"));
        await RunUntilIdleAsync(engine);
        Assert.Equal(4, await DataPointsAsync("custom_attributes"));

        await EnqueueAsync(21, "age-1", Events("C"));
        await RunUntilIdleAsync(engine);
        Assert.Equal(4, await DataPointsAsync("custom_attributes"));
    }

    [Fact]
    public async Task With_ledgerMaxAge_PT0S_every_update_sends_every_attribute()
    {
        var engine = Engine(Settings(",\"ledgerMaxAge\":\"PT0S\""));
        await EnqueueAsync(22, "age-2", "", ("plan", "pro"));
        await RunUntilIdleAsync(engine);
        await EnqueueAsync(22, "age-2", "");
        await RunUntilIdleAsync(engine);
        await EnqueueAsync(22, "age-2", "");
        await RunUntilIdleAsync(engine);
        Assert.Equal(3, await DataPointsAsync("custom_attributes"));
    }

    [Fact]
    public async Task An_attribute_deleted_in_braze_comes_back_once_the_age_limit_passed_but_not_before()
    {
        var engine = Engine(Settings(",\"ledgerMaxAge\":\"P1D\""));
        await EnqueueAsync(23, "age-3", "", ("plan", "pro"));
        await RunUntilIdleAsync(engine);
        using (var delete = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseAddress, "users/delete")))
        {
            delete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
            delete.Content = new StringContent("""{"external_ids":["age-3"]}""", System.Text.Encoding.UTF8, "application/json");
            using var deleted = await Http.SendAsync(delete);
            Assert.Equal(201, (int)deleted.StatusCode);
        }

        await EnqueueAsync(23, "age-3", Events("B"));
        await RunUntilIdleAsync(engine);
        Assert.Null((await ExportAsync("age-3"))?["custom_attributes"]?["plan"]);

        Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await EnqueueAsync(23, "age-3", Events("C"));
        await RunUntilIdleAsync(engine);
        Assert.Equal("pro", (string?)(await ExportAsync("age-3"))!["custom_attributes"]!["plan"]);
    }

    [Fact]
    public async Task A_refresh_item_sends_only_the_expired_fields_from_the_profile_and_no_events()
    {
        var engine = Engine();
        await EnqueueAsync(24, "age-4", Events("A"), ("plan", "pro"), ("tier", "gold"));
        await RunUntilIdleAsync(engine);
        Assert.Equal(2, await DataPointsAsync("custom_attributes"));

        await Store.ExpireLedgerFieldsAsync(OutputId, 24, ["plan"], default);
        using (var session = await Profiles.BeginSessionAsync(default))
        {
            session.Enqueue(new Core.Delivery.OutboxEntry(OutputId, 24, Braze.Engine.BrazeOutboxPayload.CreateRefresh(), Time.GetUtcNow().ToUnixTimeMilliseconds()));
            await session.CommitAsync(default);
        }

        await RunUntilIdleAsync(engine);

        Assert.Equal(3, await DataPointsAsync("custom_attributes"));
        Assert.Equal(1, await DataPointsAsync("events"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        var body = (string)(await TrackRequestsAsync())[^1]!["body_excerpt"]!;
        Assert.Contains("\"plan\":\"pro\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("tier", body, StringComparison.Ordinal);
    }
}
