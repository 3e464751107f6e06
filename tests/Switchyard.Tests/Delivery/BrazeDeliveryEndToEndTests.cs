using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>Events API in, Braze (the sandbox) out: the whole pipeline over real loopback sockets.</summary>
[Collection(MetricsCollection.Name)]
public sealed class BrazeDeliveryEndToEndTests
{
    private const string RestKey = "e2e-rest-key-0123456789";

    [Fact]
    public async Task A_batch_posted_to_the_events_api_reaches_the_braze_sandbox_as_a_user_with_events_and_attributes()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        await using var sandbox = await SandboxServer.StartAsync(options);
        var settings = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/') };
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", settings.ToJsonString())],
            Connections = [new Connection("app", "braze")],
        };
        await using var service = await TestService.StartAsync(workspace);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        var data = new JsonObject
        {
            ["event_name"] = "Played",
            ["custom_event_type"] = "other",
            ["timestamp_unixtime_ms"] = now,
            ["custom_attributes"] = new JsonObject { ["genre"] = "jazz" },
        };
        var batch = new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = new JsonObject { ["customer_id"] = "e2e-1", ["email"] = "e2e@example.com" },
            ["user_attributes"] = new JsonObject { ["$FirstName"] = "Ada", ["plan"] = "pro" },
            ["events"] = new JsonArray(new JsonObject { ["event_type"] = "custom_event", ["data"] = data }),
        };
        using var posted = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var client = new HttpClient { BaseAddress = sandbox.BaseAddress };
        JsonNode? user = null;
        for (var attempt = 0; attempt < 200 && user is null; attempt++)
        {
            await Task.Delay(50);
            using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids") { Content = new StringContent("""{"external_ids":["e2e-1"],"fields_to_export":["external_id","braze_id","user_aliases","first_name","last_name","email","phone","gender","dob","country","custom_attributes","custom_events","purchases"]}""", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
            using var response = await client.SendAsync(request);
            var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
            user = users.Count == 1 && users[0]!["custom_events"]!.AsArray().Count == 1 ? users[0] : null;
        }

        Assert.NotNull(user);
        Assert.Equal("Ada", (string?)user!["first_name"]);
        Assert.Equal("pro", (string?)user["custom_attributes"]!["plan"]);
        Assert.Equal("Played", (string?)user["custom_events"]![0]!["name"]);

        // Counters reach the exporter on its next collection: read until both show the delivery.
        var delivered = new System.Text.RegularExpressions.Regex(@"switchyard_delivery_items_delivered_total\{[^}]*output=""braze""[^}]*\} 1");
        var queued = new System.Text.RegularExpressions.Regex(@"switchyard_outbox_items_queued\{[^}]*output=""braze""[^}]*\} 0");
        string metrics = "";
        for (var attempt = 0; attempt < 100 && !(delivered.IsMatch(metrics) && queued.IsMatch(metrics)); attempt++)
        {
            await Task.Delay(100);
            metrics = await service.Client.GetStringAsync("/metrics");
        }

        Assert.Matches(delivered, metrics);
        Assert.Matches(queued, metrics);
        // An outage delays items by hours: the latency histogram's buckets reach a day instead of ending at 10 s.
        Assert.Matches(@"switchyard_delivery_latency\w*_bucket\{[^}]*le=""3600000""", metrics);
        Assert.Matches(@"switchyard_delivery_latency\w*_bucket\{[^}]*le=""86400000""", metrics);
    }
}
