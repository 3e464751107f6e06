using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// Each output delivers in a loop of its own: one output held up by Braze (a long 429 pause, requests that hang) does not
/// slow another output of the same process, which keeps delivering every new batch within a couple of seconds.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class OutputIsolationTests
{
    private const string StuckKey = "stuck-rest-key-0123456789";
    private const string HealthyKey = "healthy-rest-key-0123456789";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2.5);

    [Theory]
    [InlineData("""{"kind":"status","status":429,"for_seconds":600,"retry_after_seconds":600,"path":"/users/track"}""")]
    [InlineData("""{"kind":"latency","latency_ms":600000,"for_seconds":600,"path":"/users/track"}""")]
    public async Task An_output_held_up_by_braze_does_not_delay_another_output_of_the_same_process(string fault)
    {
        await using var stuckBraze = await StartSandboxAsync(StuckKey);
        await using var healthyBraze = await StartSandboxAsync(HealthyKey);
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [Output("stuck", stuckBraze, StuckKey), Output("healthy", healthyBraze, HealthyKey)],
            Connections = [new Connection("app", "stuck"), new Connection("app", "healthy")],
        };
        await using var service = await TestService.StartAsync(workspace);
        using var stuckControl = new HttpClient { BaseAddress = stuckBraze.BaseAddress };
        using (var injected = await stuckControl.PostAsync("_sandbox/faults", new StringContent(fault, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        }

        await PostUserAsync(service, "isolated-0");
        await Eventually.HoldsAsync(async () => await FaultsAppliedAsync(stuckControl) > 0, TimeSpan.FromSeconds(10), "the stuck output reached its Braze");
        await Eventually.HoldsAsync(() => HasUserAsync(healthyBraze, HealthyKey, "isolated-0"), TimeSpan.FromSeconds(10), "the first user reached the healthy output");

        // Each new user goes to both outputs: the stuck output now has due work it cannot send, the healthy one must not wait for it.
        for (var i = 1; i <= 3; i++)
        {
            var user = $"isolated-{i}";
            await PostUserAsync(service, user);
            await Eventually.HoldsAsync(() => HasUserAsync(healthyBraze, HealthyKey, user), Prompt, $"{user} reached the healthy output while the other output was held up");
        }

        var deliveries = (IDeliveryStore)service.Host.Profiles;
        Assert.Equal(4, await deliveries.CountQueuedAsync("stuck", default));
        Assert.False(await HasUserAsync(stuckBraze, StuckKey, "isolated-3"));
    }

    private static async Task<SandboxServer> StartSandboxAsync(string key)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(key));
        return await SandboxServer.StartAsync(options);
    }

    private static OutputDefinition Output(string id, SandboxServer braze, string key)
    {
        var settings = new JsonObject { ["restApiKey"] = key, ["instance"] = "Custom", ["customRestEndpoint"] = braze.BaseAddress.ToString().TrimEnd('/') };
        return new OutputDefinition(id, "braze", settings.ToJsonString());
    }

    private static async Task PostUserAsync(TestService service, string customerId)
    {
        var batch = new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = new JsonObject { ["customer_id"] = customerId },
            ["user_attributes"] = new JsonObject { ["plan"] = "pro" },
        };
        using var posted = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    private static async Task<int> FaultsAppliedAsync(HttpClient control)
    {
        var faults = (await control.GetFromJsonAsync<JsonObject>("_sandbox/faults"))!["faults"]!.AsArray();
        return faults.Sum(f => (int)f!["applied"]!);
    }

    private static async Task<bool> HasUserAsync(SandboxServer braze, string key, string externalId)
    {
        using var client = new HttpClient { BaseAddress = braze.BaseAddress };
        var body = new JsonObject { ["external_ids"] = new JsonArray(externalId), ["fields_to_export"] = new JsonArray("external_id") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray().Count == 1;
    }
}
