using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// The drift example of the ledger-truth issue against <c>switchyard serve</c> as its own process (the sandbox in this
/// test process, so it outlives the server): a user deleted in Braze is restored by a reconcile without a new batch,
/// and after a restart the earlier run's job is reported as interrupted.
/// </summary>
public sealed class ReconcileProcessTests : IAsyncLifetime
{
    private const string RestKey = "reconcile-process-key-01";
    private const string FeedKey = "reconcile-feed";
    private const string FeedSecret = "reconcile-feed-secret-0123456789";
    private const string AdminToken = "reconcile-admin-token-0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-reconcile-" + Guid.NewGuid().ToString("N"));
    private SandboxServer _sandbox = null!;
    private HttpClient _braze = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(options);
        _braze = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        _braze.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        var workspace = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject { ["id"] = "app", ["key"] = FeedKey, ["secret"] = FeedSecret }),
            ["outputs"] = new JsonArray(new JsonObject
            {
                ["id"] = "braze",
                ["type"] = "braze",
                ["settings"] = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = _sandbox.BaseAddress.ToString().TrimEnd('/') },
            }),
            ["connections"] = new JsonArray(new JsonObject { ["input"] = "app", ["output"] = "braze" }),
            ["admin"] = new JsonObject { ["token"] = AdminToken },
        };
        _config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(_config, workspace.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        _braze.Dispose();
        await _sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_user_deleted_in_braze_is_restored_by_a_reconcile_and_its_job_is_reported_interrupted_after_a_restart(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        string jobId;
        using (var serve = Start(storage))
        {
            using var client = await ConnectAsync(serve);
            await PostAsync(client, "A");
            await WaitForAsync(u => (string?)u?["custom_attributes"]?["plan"] == "pro", "drift-1 has plan=pro");
            using (var deleted = await _braze.PostAsync("users/delete", Json("""{"external_ids":["drift-1"]}""")))
            {
                Assert.Equal(HttpStatusCode.Created, deleted.StatusCode);
            }

            await PostAsync(client, "B");
            await WaitForAsync(u => u?["custom_events"]?.AsArray().Any(e => (string?)e?["name"] == "B") == true, "the recreated drift-1 has event B");
            Assert.Null((await ExportAsync())!["custom_attributes"]?["plan"]);

            using var started = await AdminAsync(client, HttpMethod.Post, "/admin/outputs/braze/reconcile", """{"external_ids":["drift-1"]}""");
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            jobId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!;
            await Eventually.HoldsAsync(
                async () =>
                {
                    using var job = await AdminAsync(client, HttpMethod.Get, $"/admin/outputs/braze/reconcile/{jobId}");
                    var view = JsonNode.Parse(await job.Content.ReadAsStringAsync())!;
                    return (string?)view["status"] == "finished" && (long)view["repaired"]! == 1;
                },
                Patience,
                "the reconcile job finished with one repair");
            await WaitForAsync(
                u => (string?)u?["custom_attributes"]?["plan"] == "pro" && (string?)u?["custom_attributes"]?["tier"] == "gold",
                "the reconcile restored plan=pro and tier=gold");
            serve.Terminate();
            await serve.WaitForExitAsync(Patience);
        }

        using (var again = Start(storage))
        {
            using var client = await ConnectAsync(again);
            using var earlier = await AdminAsync(client, HttpMethod.Get, $"/admin/outputs/braze/reconcile/{jobId}");
            Assert.Equal(HttpStatusCode.Gone, earlier.StatusCode);
            Assert.Contains("JOB_INTERRUPTED", await earlier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private SwitchyardProcess Start(ServeStorage storage) =>
        SwitchyardProcess.Start(_directory, storage.Serve("--config", _config, "--data", Path.Combine(_directory, "data"), "--port", "0"));

    private static async Task<HttpClient> ConnectAsync(SwitchyardProcess process)
    {
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), Patience)).Groups[1].Value;
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async Task PostAsync(HttpClient client, string eventName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = Json($$$"""
                {"environment":"production","user_identities":{"customer_id":"drift-1"},"user_attributes":{"plan":"pro","tier":"gold"},
                 "events":[{"event_type":"custom_event","data":{"event_name":"{{{eventName}}}","custom_event_type":"other"}}]}
                """),
        };
        request.Headers.Authorization = TestService.Basic(FeedKey, FeedSecret);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> AdminAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return await client.SendAsync(request);
    }

    private async Task WaitForAsync(Func<JsonNode?, bool> condition, string what) =>
        await Eventually.HoldsAsync(async () => condition(await ExportAsync()), Patience, what);

    private async Task<JsonNode?> ExportAsync()
    {
        using var response = await _braze.PostAsync(
            "users/export/ids", Json("""{"external_ids":["drift-1"],"fields_to_export":["external_id","custom_attributes","custom_events"]}"""));
        var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
        return users.Count == 0 ? null : users[0];
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
