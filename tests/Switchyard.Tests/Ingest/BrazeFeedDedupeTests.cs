using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>Braze Currents delivers at least once: a Braze feed keeps each Braze event once, however often it comes.</summary>
[Collection(MetricsCollection.Name)]
public sealed class BrazeFeedDedupeTests
{
    [Fact]
    public async Task A_currents_event_posted_again_alone_or_in_a_bulk_request_counts_once_on_the_profile()
    {
        var workspace = new Workspace([TestService.Feed("currents") with { Kind = InputFeedKind.BrazeUnbound, BrazeWorkspace = "ag-1" }]);
        await using var service = await TestService.StartAsync(workspace);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        using var first = await service.PostAsync("/v2/events", CurrentsBatch("u-1", now, "ev-1"), "currents");
        using var redelivered = await service.PostAsync("/v2/events", CurrentsBatch("u-1", now, "ev-1"), "currents");
        using var bulk = await service.PostAsync("/v2/bulkevents", $"[{CurrentsBatch("u-1", now, "ev-1")},{CurrentsBatch("u-1", now + 1, "ev-1", "ev-2")}]", "currents");
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, redelivered.StatusCode, bulk.StatusCode });

        // Two batches were stored (the first, and the bulk's second without its repeated event); wait until both are processed.
        var processing = await WaitForAsync(service, "/admin/processing", p => (long)p["processed_batches"]! == 2);
        Assert.Equal((2, 2), ((long)processing["inbox_batches"]!, (long)processing["processed_events"]!));
        var profile = await WaitForAsync(service, "/admin/profiles?identity=customer_id&value=u-1", _ => true);
        var opens = profile["events"]!.AsArray().Single(e => (string?)e!["key"] == "custom_event:Push Notification Open")!;
        Assert.Equal(2, (int)opens["total"]!);

        // Repeats are visible in the ingest counters, apart from repeated source_request_ids.
        var batches = new Regex(@"switchyard_ingest_batches_duplicate_total\{[^}]*feed=""currents""[^}]*reason=""source_message_id""[^}]*\} 2");
        var events = new Regex(@"switchyard_ingest_events_duplicate_total\{[^}]*feed=""currents""[^}]*reason=""source_message_id""[^}]*\} 3");
        var metrics = "";
        for (var attempt = 0; attempt < 100 && !(batches.IsMatch(metrics) && events.IsMatch(metrics)); attempt++)
        {
            await Task.Delay(100);
            metrics = await service.Client.GetStringAsync("/metrics");
        }

        Assert.Matches(batches, metrics);
        Assert.Matches(events, metrics);
    }

    [Fact]
    public async Task An_events_feed_keeps_repeated_source_message_ids_as_before()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app"));
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        using var first = await service.PostAsync("/v2/events", CurrentsBatch("u-2", now, "ev-1"));
        using var again = await service.PostAsync("/v2/events", CurrentsBatch("u-2", now, "ev-1"));

        var processing = await WaitForAsync(service, "/admin/processing", p => (long)p["processed_batches"]! == 2);
        Assert.Equal(2, (long)processing["inbox_batches"]!);
    }

    [Fact]
    public async Task Events_with_an_empty_source_message_id_count_as_having_none_and_are_all_kept()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("currents") with { Kind = InputFeedKind.BrazeUnbound });
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        using var first = await service.PostAsync("/v2/events", CurrentsBatch("u-3", now, ""), "currents");
        using var second = await service.PostAsync("/v2/bulkevents", $"[{CurrentsBatch("u-3", now + 1, "", "")}]", "currents");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, second.StatusCode });
        var stored = await service.Host.Inbox.ReadAsync(0, 10, default);
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, JsonNode.Parse(stored[1].Payload)!["events"]!.AsArray().Count);
    }

    /// <summary>A batch as Braze Currents posts it to an mParticle feed (reference/mparticle.md §5), one event per message id.</summary>
    internal static string CurrentsBatch(string externalId, long atMs, params string[] messageIds)
    {
        var events = new JsonArray();
        foreach (var id in messageIds)
        {
            events.Add(new JsonObject
            {
                ["event_type"] = "custom_event",
                ["data"] = new JsonObject
                {
                    ["event_name"] = "Push Notification Open",
                    ["custom_event_type"] = "other",
                    ["source_message_id"] = id,
                    ["timestamp_unixtime_ms"] = atMs,
                    ["custom_attributes"] = new JsonObject { ["app_group_id"] = "ag-1", ["campaign_id"] = "cmp-1", ["campaign_name"] = "Welcome", ["send_id"] = "s-1" },
                },
            });
        }

        return new JsonObject
        {
            ["environment"] = "production",
            ["schema_version"] = 2,
            ["user_attributes"] = new JsonObject(),
            ["user_identities"] = new JsonObject { ["customerid"] = externalId },
            ["events"] = events,
        }.ToJsonString();
    }

    /// <summary>Processing is asynchronous: poll the admin API until the answer shows what the test waits for.</summary>
    internal static async Task<JsonNode> WaitForAsync(TestService service, string path, Func<JsonNode, bool> ready)
    {
        JsonNode? last = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await service.AdminAsync(HttpMethod.Get, path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (ready(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} never got ready; last seen: {last?.ToJsonString()}");
    }
}
