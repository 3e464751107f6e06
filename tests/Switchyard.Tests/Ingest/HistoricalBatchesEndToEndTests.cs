using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>
/// <c>/v2/bulkevents/historical</c> over real sockets: the batches build the profile and an audience, the audience
/// output syncs the membership they cause, and the event output sends none of their events or attributes to Braze
/// (docs/events-api.md, "Historical batches").
/// </summary>
public sealed class HistoricalBatchesEndToEndTests : IAsyncLifetime
{
    // Two keys, so the sandbox's request log tells the event output's requests from the audience output's.
    private const string EventKey = "historical-e2e-event-key-EVNT";
    private const string AudienceKey = "historical-e2e-audience-key-AUDS";
    private const int Dreamers = 11036;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private BrazeSandbox _sandbox = null!;

    private HttpClient Control => _sandbox.Client;

    public async Task InitializeAsync()
    {
        _sandbox = await BrazeSandbox.StartAsync(EventKey, AudienceKey);
        using var segment = await Control.PutAsync("_sandbox/segments/dreamers",
            new StringContent("""{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"(^|,)'?11036'?(,|$)"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Historical_batches_reach_the_profile_and_the_audience_sync_but_not_the_event_output()
    {
        await using var service = await TestService.StartAsync(Workspace());
        var now = TimeProvider.System.GetUtcNow();
        var tenDaysAgo = (now - TimeSpan.FromDays(10)).ToUnixTimeMilliseconds();

        var historical = new JsonArray(Batch("hist-1", "Backfilled", tenDaysAgo), Batch("hist-2", "Backfilled", tenDaysAgo + 1));
        using (var posted = await service.PostAsync("/v2/bulkevents/historical", historical.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        // A live batch after them: the inbox is processed in order, so once its event is in Braze the historical
        // batches were processed before it, and the event output had its chance to queue them.
        using (var posted = await service.PostAsync("/v2/events", Batch("live-1", "Played", now.ToUnixTimeMilliseconds()).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        await Eventually.HoldsAsync(async () => await EventNamesAsync("live-1") is ["Played"], Patience, "live-1's event reached Braze");
        await Eventually.HoldsAsync(async () => (await SegmentAsync()).SequenceEqual(["hist-1", "hist-2", "live-1"]), Patience,
            "every dreamer, historical or live, is in the Braze segment built on SegmentMembership");
        await Eventually.HoldsAsync(async () => await QueuedAsync(service, "braze") == 0, Patience, "the event output's queue is empty");

        // The profile has the historical event and attribute.
        using var profileAnswer = await service.AdminAsync(HttpMethod.Get, "/admin/profiles?identity=customer_id&value=hist-1");
        var profile = JsonNode.Parse(await profileAnswer.Content.ReadAsStringAsync())!;
        Assert.Equal("ibiza", (string?)profile["attributes"]!["dream"]);
        Assert.Contains(profile["events"]!.AsArray(), e => (string?)e!["key"] == "custom_event:Backfilled");

        // Braze has the membership the historical batch caused, and nothing else of it.
        var exported = (await ExportAsync("hist-1"))!;
        Assert.NotNull(exported["custom_attributes"]!["SegmentMembership"]);
        Assert.Null(exported["custom_attributes"]!["dream"]);
        Assert.True(exported["custom_events"] is null or JsonArray { Count: 0 }, $"hist-1 has events in Braze: {exported["custom_events"]}");

        // No request of the event output's key mentioned a historical user; the live one went through that key.
        var eventRequests = await TrackRequestsAsync("EVNT");
        Assert.NotEmpty(eventRequests);
        Assert.DoesNotContain(eventRequests, body => body.Contains("hist-", StringComparison.Ordinal));
        Assert.Contains(eventRequests, body => body.Contains("live-1", StringComparison.Ordinal));
    }

    private Workspace Workspace()
    {
        var endpoint = _sandbox.Endpoint;
        var eventSettings = new JsonObject { ["restApiKey"] = EventKey, ["instance"] = "Custom", ["customRestEndpoint"] = endpoint };
        var audienceSettings = new JsonObject { ["restApiKey"] = AudienceKey, ["instance"] = "Custom", ["customRestEndpoint"] = endpoint };
        return new([TestService.Feed("app")])
        {
            Outputs =
            [
                new OutputDefinition("braze", OutputTypes.Braze, eventSettings.ToJsonString()),
                new OutputDefinition("braze-audiences", OutputTypes.BrazeAudience, audienceSettings.ToJsonString()),
            ],
            Connections = [new Connection("app", "braze")],
            Audiences = [$$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
            AudienceConnections = [new AudienceConnectionDefinition("braze-audiences", Dreamers)],
        };
    }

    private static JsonObject Batch(string customerId, string eventName, long atMs) => new()
    {
        ["environment"] = "development",
        ["user_identities"] = new JsonObject { ["customer_id"] = customerId },
        ["user_attributes"] = new JsonObject { ["dream"] = "ibiza" },
        ["events"] = new JsonArray(new JsonObject
        {
            ["event_type"] = "custom_event",
            ["data"] = new JsonObject { ["event_name"] = eventName, ["custom_event_type"] = "other", ["timestamp_unixtime_ms"] = atMs },
        }),
    };

    private static async Task<long> QueuedAsync(TestService service, string output)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, $"/admin/outputs/{output}");
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["queued"]!;
    }

    private async Task<List<string>> SegmentAsync()
    {
        var members = JsonNode.Parse(await Control.GetStringAsync("_sandbox/segments/dreamers/members"))!["members"]!.AsArray();
        return [.. members.Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The bodies of the <c>/users/track</c> requests sent with the key ending in <paramref name="keyEnd"/>.</summary>
    private async Task<List<string>> TrackRequestsAsync(string keyEnd)
    {
        var log = JsonNode.Parse(await Control.GetStringAsync("_sandbox/requests?path=/users/track"))!["requests"]!.AsArray();
        return [.. log.Where(r => ((string)r!["api_key"]!).EndsWith(keyEnd, StringComparison.Ordinal)).Select(r => (string)r!["body_excerpt"]!)];
    }

    private async Task<List<string>> EventNamesAsync(string externalId) =>
        await ExportAsync(externalId) is { } user && user["custom_events"] is JsonArray events ? [.. events.Select(e => (string)e!["name"]!)] : [];

    private Task<JsonNode?> ExportAsync(string externalId) =>
        _sandbox.ExportAsync(EventKey, externalId, "custom_attributes", "custom_events");
}
