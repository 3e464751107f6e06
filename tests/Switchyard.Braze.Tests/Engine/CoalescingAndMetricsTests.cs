namespace Switchyard.Braze.Tests.Engine;

public sealed class CoalescingAndMetricsTests : DeliveryFixture
{
    [Fact]
    public async Task Several_updates_of_one_user_in_a_pass_coalesce_into_one_attributes_object_where_later_values_win()
    {
        var settings = Settings(",\"includeEnrichedUserAttributes\":false");
        await EnqueueAsync(11, "u1", ",\"user_attributes\":{\"tier\":\"gold\",\"city_code\":\"B\"}");
        await EnqueueAsync(11, "u1", ",\"user_attributes\":{\"tier\":\"platinum\"}");

        Assert.Equal(2, await Engine(settings).RunOnceAsync(CancellationToken.None));

        var custom = (await ExportAsync("u1"))!["custom_attributes"]!;
        Assert.Equal("platinum", (string?)custom["tier"]);
        Assert.Equal("B", (string?)custom["city_code"]);
        // One object with two fields, not two objects with three.
        Assert.Equal(2, await DataPointsAsync("custom_attributes"));
    }

    [Fact]
    public async Task A_removed_attribute_leaves_the_ledger_so_setting_the_old_value_again_is_sent()
    {
        var settings = Settings(",\"includeEnrichedUserAttributes\":false");
        var engine = Engine(settings);
        await EnqueueAsync(11, "u1", ",\"user_attributes\":{\"tier\":\"gold\"}");
        await engine.RunOnceAsync(CancellationToken.None);
        await EnqueueAsync(11, "u1", ",\"deleted_user_attributes\":[\"tier\"]");
        await engine.RunOnceAsync(CancellationToken.None);
        Assert.Null((await ExportAsync("u1"))!["custom_attributes"]?["tier"]);

        await EnqueueAsync(11, "u1", ",\"user_attributes\":{\"tier\":\"gold\"}");
        await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal("gold", (string?)(await ExportAsync("u1"))!["custom_attributes"]!["tier"]);
        Assert.Equal(3, await DataPointsAsync("custom_attributes"));
    }

    [Fact]
    public async Task Push_tokens_are_sent_as_given_every_time_and_cost_no_data_points()
    {
        var engine = Engine(Settings(",\"appIdentifierApiKey\":\"app-1\""));
        const string Device = ",\"device_info\":{\"platform\":\"Android\",\"push_token\":\"tok\"}";
        await EnqueueAsync(11, "u1", Device);
        await engine.RunOnceAsync(CancellationToken.None);
        await EnqueueAsync(11, "u1", Device);
        await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, (await TrackRequestsAsync()).Count);
        Assert.Equal("tok", (string?)Assert.Single((await ExportAsync("u1"))!["push_tokens"]!.AsArray())!["token"]);
        Assert.Equal(0, await DataPointsAsync("total"));
    }

    [Fact]
    public async Task The_delivery_meter_counts_items_requests_objects_fields_and_latency_for_the_output()
    {
        using var metrics = new MetricsCapture(OutputId);
        var engine = Engine();
        await EnqueueAsync(11, "u1", Events("A"), ("$FirstName", "Ann"), ("$LastName", "Lee"));
        await engine.RunOnceAsync(CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(3));
        await EnqueueAsync(11, "u1", Events("B"));
        await engine.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, metrics.Sum("switchyard.delivery.items.delivered"));
        Assert.Equal(2, metrics.Sum("switchyard.delivery.requests.sent"));
        Assert.Equal(3, metrics.Sum("switchyard.delivery.request.objects"));
        Assert.Equal(2, metrics.Sum("switchyard.delivery.attribute_fields.sent"));
        Assert.Equal(2, metrics.Sum("switchyard.delivery.attribute_fields.saved"));
        Assert.Equal(2, metrics.Count("switchyard.delivery.latency"));
        Assert.Equal(0, metrics.Sum("switchyard.delivery.items.retried"));
        Assert.Equal(0, metrics.Sum("switchyard.delivery.items.dead_lettered"));
    }
}
