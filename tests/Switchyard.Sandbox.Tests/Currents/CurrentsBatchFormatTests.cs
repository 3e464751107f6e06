using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Switchyard.Sandbox.Tests.Currents;

public sealed class CurrentsBatchFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_email_campaign_sends_one_batch_per_event_with_basic_auth_to_a_bulk_url()
    {
        await using var scenario = await CurrentsScenario.StartAsync(time: new FakeTimeProvider(Now));
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();

        var (status, body) = await scenario.SendCampaignAsync("""
            {"segment":"gold","campaign_name":"Spring sale","campaign_id":"spring-1","channel":"email",
             "open_share":1,"click_share":0.5,"unsubscribe_share":0.5}
            """);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("spring-1", (string?)body!["campaign_id"]);
        Assert.Equal(2, (int)body["recipients"]!);
        Assert.Equal("""{"send":2,"open":2,"click":1,"unsubscribe":1}""", body["events"]!.ToJsonString());
        var sendId = (string)body["send_id"]!;
        await scenario.WaitUntilIdleAsync(delivered: 6);

        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CurrentsScenario.ApiKey}:{CurrentsScenario.ApiSecret}"));
        Assert.All(scenario.Receiver.Requests, r =>
        {
            Assert.Equal("/v2/bulkevents", r.Path);
            Assert.Equal(expectedAuth, r.Authorization);
            Assert.Equal("application/json", r.ContentType);
        });
        var batches = scenario.AcceptedBatches();
        Assert.Equal(6, batches.Count);
        Assert.All(batches, b => Assert.Single(b["events"]!.AsArray()));
        Assert.Equal(6, batches.Select(CurrentsScenario.SourceMessageId).Distinct().Count());
        Assert.Equal(["u1", "u2"], batches.Select(CurrentsScenario.CustomerId).Distinct().Order());
        Assert.Equal(
            ["Email Sent", "Email Sent", "Email Opened", "Email Opened", "Email Clicked", "Email Unsubscribed"],
            batches.Select(CurrentsScenario.EventName));

        var u1Send = batches.Single(b => CurrentsScenario.EventName(b) == "Email Sent" && CurrentsScenario.CustomerId(b) == "u1");
        Assert.Equal(2, (int)u1Send["schema_version"]!);
        Assert.Equal("production", (string?)u1Send["environment"]);
        Assert.Equal("""{"customerid":"u1","email":"u1@example.com"}""", u1Send["user_identities"]!.ToJsonString());
        Assert.Equal("{}", u1Send["user_attributes"]!.ToJsonString());
        Assert.Equal("{}", u1Send["device_info"]!.ToJsonString());
        var evt = u1Send["events"]![0]!;
        Assert.Equal("custom_event", (string?)evt["event_type"]);
        var data = evt["data"]!;
        Assert.Equal("other", (string?)data["custom_event_type"]);
        Assert.True(Guid.TryParse((string?)data["source_message_id"], out _));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), (long)data["timestamp_unixtime_ms"]!);
        var attributes = data["custom_attributes"]!.AsObject();
        Assert.Equal("switchyard-sandbox", (string?)attributes["app_group_id"]);
        Assert.Equal("spring-1", (string?)attributes["campaign_id"]);
        Assert.Equal("Spring sale", (string?)attributes["campaign_name"]);
        Assert.Matches("^[0-9a-f]{24}$", (string?)attributes["message_variation_id"]);
        Assert.Equal(sendId, (string?)attributes["send_id"]);
        Assert.False(string.IsNullOrEmpty((string?)attributes["dispatch_id"]));
        Assert.Equal("u1@example.com", (string?)attributes["email_address"]);

        var u2Send = batches.Single(b => CurrentsScenario.EventName(b) == "Email Sent" && CurrentsScenario.CustomerId(b) == "u2");
        Assert.Equal("""{"customerid":"u2"}""", u2Send["user_identities"]!.ToJsonString());
        Assert.Null(u2Send["events"]![0]!["data"]!["custom_attributes"]!["email_address"]);
        var click = batches.Single(b => CurrentsScenario.EventName(b) == "Email Clicked");
        Assert.StartsWith("https://", (string?)click["events"]![0]!["data"]!["custom_attributes"]!["url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_campaign_carries_the_platform_and_no_email_identity()
    {
        await using var scenario = await CurrentsScenario.StartAsync(time: new FakeTimeProvider(Now));
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync(environment: "development");

        var (status, body) = await scenario.SendCampaignAsync("""
            {"segment":"gold","campaign_name":"Flash","channel":"push","platform":"android","open_share":0.5}
            """);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Matches("^[0-9a-f]{32}$", (string?)body!["campaign_id"]);
        Assert.Equal("""{"send":2,"open":1,"click":0,"unsubscribe":0}""", body["events"]!.ToJsonString());
        await scenario.WaitUntilIdleAsync(delivered: 3);
        var batches = scenario.AcceptedBatches();
        Assert.Equal(["Push Notification Send", "Push Notification Send", "Push Notification Open"], batches.Select(CurrentsScenario.EventName));
        Assert.All(batches, b =>
        {
            Assert.Equal("development", (string?)b["environment"]);
            Assert.Equal("""{"platform":"Android"}""", b["device_info"]!.ToJsonString());
            Assert.Null(b["user_identities"]!["email"]);
            var attributes = b["events"]![0]!["data"]!["custom_attributes"]!;
            Assert.Equal("android", (string?)attributes["platform"]);
            Assert.Equal("switchyard-sandbox-android", (string?)attributes["app_id"]);
        });
    }

    [Fact]
    public async Task A_connector_ending_in_v2_events_gets_one_batch_object_per_request()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync("/v2/events");

        var (status, _) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"One by one","channel":"email","open_share":1}""");

        Assert.Equal(HttpStatusCode.Accepted, status);
        await scenario.WaitUntilIdleAsync(delivered: 4);
        Assert.Equal(4, scenario.Receiver.Requests.Count);
        Assert.All(scenario.Receiver.Requests, r =>
        {
            Assert.Equal("/v2/events", r.Path);
            Assert.IsType<JsonObject>(JsonNode.Parse(r.Body));
        });
    }

    [Fact]
    public async Task Many_events_go_in_bulk_requests_of_at_most_100_batches_in_creation_order()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        for (var offset = 0; offset < 130; offset += 50)
        {
            var chunk = string.Join(",", Enumerable.Range(offset + 1, Math.Min(50, 130 - offset)).Select(i => $$"""{"external_id":"m{{i:000}}","tier":"gold"}"""));
            var (tracked, _) = await scenario.Sandbox.TrackAsync($$"""{"attributes":[{{chunk}}]}""");
            Assert.Equal(HttpStatusCode.Created, tracked);
        }

        await scenario.DefineSegmentAsync("gold", """{"filter":{"attribute":"tier","operator":"equals","value":"gold"}}""");
        await scenario.PutConnectorAsync();

        var (status, _) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"Big","channel":"email"}""");

        Assert.Equal(HttpStatusCode.Accepted, status);
        await scenario.WaitUntilIdleAsync(delivered: 130);
        Assert.All(scenario.Receiver.Requests, r => Assert.InRange(CurrentsScenario.Batches(r.Body).Count(), 1, 100));
        Assert.Equal(
            Enumerable.Range(1, 130).Select(i => $"m{i:000}"),
            scenario.AcceptedBatches().Select(CurrentsScenario.CustomerId));
    }
}
