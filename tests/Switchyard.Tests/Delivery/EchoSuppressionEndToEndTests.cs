using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Ingest;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>What came from Braze through a Braze feed does not go back to the same Braze workspace (docs/configuration.md).</summary>
public sealed class EchoSuppressionEndToEndTests
{
    private const string RestKey = "echo-rest-key-0123456789";

    [Fact]
    public async Task A_braze_feed_event_is_not_sent_back_to_braze_while_an_events_feed_event_is()
    {
        await using var sandbox = await StartSandboxAsync();
        var workspace = new Workspace([TestService.Feed("app"), TestService.Feed("currents") with { Kind = InputFeedKind.BrazeIos }])
        {
            Outputs = [Output(sandbox, label: null)],
            Connections = [new Connection("app", "braze"), new Connection("currents", "braze")],
        };
        await using var service = await TestService.StartAsync(workspace);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        // Braze's event first: the inbox is processed in order, so once the app's event is in Braze the other was decided.
        using var fromBraze = await service.PostAsync("/v2/events", BrazeFeedDedupeTests.CurrentsBatch("echo-1", now - 1000, "ev-1"), "currents");
        using var fromApp = await service.PostAsync("/v2/events", AppBatch("echo-1", now), "app");
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { fromBraze.StatusCode, fromApp.StatusCode });

        var names = await WaitForEventNamesAsync(sandbox, "echo-1", n => n.Contains("Played"));
        Assert.Equal(["Played"], names);
        var processing = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/processing", p => (long)p["processed_batches"]! == 2);
        Assert.Equal(1, (long)processing["echo_suppressed"]!);

        // Processing is unchanged: the engagement is on the profile for audiences.
        var profile = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/profiles?identity=customer_id&value=echo-1", _ => true);
        Assert.Contains(profile["events"]!.AsArray(), e => (string?)e!["key"] == "custom_event:Push Notification Open");
    }

    [Fact]
    public async Task A_braze_feed_event_reaches_braze_through_a_forwarding_connection_or_to_another_braze_workspace()
    {
        await using var sandbox = await StartSandboxAsync();
        var forwarded = TestService.Feed("currents-a") with { Kind = InputFeedKind.BrazeUnbound, BrazeWorkspace = "ag-1" };
        var otherWorkspace = TestService.Feed("currents-b") with { Kind = InputFeedKind.BrazeWeb, BrazeWorkspace = "ag-2" };
        var workspace = new Workspace([forwarded, otherWorkspace])
        {
            Outputs = [Output(sandbox, label: "ag-1")],
            Connections = [new Connection("currents-a", "braze") { Echo = EchoPolicy.Forward }, new Connection("currents-b", "braze")],
        };
        await using var service = await TestService.StartAsync(workspace);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        using var a = await service.PostAsync("/v2/events", BrazeFeedDedupeTests.CurrentsBatch("fwd-a", now, "ev-a"), "currents-a");
        using var b = await service.PostAsync("/v2/events", BrazeFeedDedupeTests.CurrentsBatch("fwd-b", now, "ev-b"), "currents-b");
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { a.StatusCode, b.StatusCode });

        Assert.Equal(["Push Notification Open"], await WaitForEventNamesAsync(sandbox, "fwd-a", n => n.Count > 0));
        Assert.Equal(["Push Notification Open"], await WaitForEventNamesAsync(sandbox, "fwd-b", n => n.Count > 0));
        var processing = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/processing", p => (long)p["processed_batches"]! == 2);
        Assert.Equal(0, (long)processing["echo_suppressed"]!);
    }

    private static async Task<SandboxServer> StartSandboxAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        return await SandboxServer.StartAsync(options);
    }

    private static OutputDefinition Output(SandboxServer sandbox, string? label)
    {
        var settings = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/') };
        return new OutputDefinition("braze", "braze", settings.ToJsonString()) { BrazeWorkspace = label };
    }

    private static string AppBatch(string externalId, long atMs) => new JsonObject
    {
        ["environment"] = "production",
        ["user_identities"] = new JsonObject { ["customerid"] = externalId },
        ["events"] = new JsonArray(new JsonObject
        {
            ["event_type"] = "custom_event",
            ["data"] = new JsonObject { ["event_name"] = "Played", ["custom_event_type"] = "other", ["timestamp_unixtime_ms"] = atMs },
        }),
    }.ToJsonString();

    /// <summary>Polls the sandbox's export until the user's custom event names satisfy <paramref name="ready"/>.</summary>
    private static async Task<List<string>> WaitForEventNamesAsync(SandboxServer sandbox, string externalId, Func<List<string>, bool> ready)
    {
        using var client = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var names = new List<string>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
            {
                Content = new StringContent(new JsonObject { ["external_ids"] = new JsonArray(externalId), ["fields_to_export"] = new JsonArray("external_id", "custom_events") }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
            using var response = await client.SendAsync(request);
            var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
            names = users.Count == 1 && users[0]!["custom_events"] is JsonArray events ? [.. events.Select(e => (string)e!["name"]!)] : [];
            if (ready(names))
            {
                return names;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The sandbox never showed the events expected for {externalId}; last seen: {string.Join(", ", names)}");
    }
}
