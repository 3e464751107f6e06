using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;
using Xunit.Abstractions;

namespace Switchyard.Tests.Cli;

/// <summary>
/// Three <c>switchyard serve</c> processes on one PostgreSQL database deliver to one Braze REST key, whose limit in the
/// sandbox is set low, with the output's <c>rateLimit</c> a little under it (the headroom operations.md advises, since a
/// request granted just before a window ends may arrive just after); sustained load over the three builds a backlog, so
/// the budget binds in every window. The nodes share it through the database: the sandbox's own limiter never answers
/// 429, where three per-node budgets of the same size would send more than twice its limit.
/// </summary>
public sealed class MultiNodeRateLimitProcessTests : IDisposable
{
    private const string RestKey = "rate-shared-rest-key-000000000001";
    private const string AdminToken = "rate-shared-admin-token-0123456789";
    private const int Limit = 15;
    private const int OutputLimit = 12;
    private const int Users = 200;
    private const int BatchesPerPost = 50;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-rate-nodes-" + Guid.NewGuid().ToString("N"));

    private readonly ITestOutputHelper _output;

    public MultiNodeRateLimitProcessTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public async Task Three_nodes_on_one_key_under_sustained_load_never_draw_a_429_from_the_sandboxs_limiter()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var braze = await BrazeSandbox.StartWithFullRequestLogAsync(RestKey);
        using (var put = await braze.Client.PutAsync("_sandbox/ratelimits", new StringContent($$$"""{"track":{"limit":{{{Limit}}}}}""", Encoding.UTF8, "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var workspace = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(workspace, $$"""
            {
              "admin": { "token": "{{AdminToken}}" },
              "inputs": [ { "id": "app", "key": "app-key", "secret": "{{TestService.Secret}}" } ],
              "outputs": [ { "id": "braze", "type": "braze", "maxInFlight": 4,
                             "settings": { "restApiKey": "{{RestKey}}", "instance": "Custom", "customRestEndpoint": "{{braze.Endpoint}}", "rateLimit": {{OutputLimit}} } } ],
              "connections": [ { "input": "app", "output": "braze" } ]
            }
            """);

        var processes = new List<SwitchyardProcess>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var environment = new Dictionary<string, string> { ["SWITCHYARD_TEST_LEASE_MS"] = "3000" };
                var process = SwitchyardProcess.Start(_directory, environment, "serve", "--config", workspace, "--data", Path.Combine(_directory, "node" + i), "--port", "0", "--postgres", database.ConnectionString);
                processes.Add(process);
                var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
                clients.Add(new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) });
            }

            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(clients.Select(HeldCountAsync))).All(held => held > 0),
                TimeSpan.FromSeconds(30),
                "each of the three nodes holds partitions");

            // Eight seconds of load: two posts of 50 batches at a time (one event each, users in turn), nodes in turn. That
            // is several times what the key's limit lets out, so a backlog builds and the budget binds in every window.
            var acknowledged = 0;
            var started = TimeProvider.System.GetTimestamp();
            var turn = 0;
            while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(8))
            {
                var sends = Enumerable.Range(0, 2).Select(_ =>
                {
                    var n = Interlocked.Increment(ref turn);
                    return PostAsync(clients[n % clients.Count], n);
                });
                acknowledged += (await Task.WhenAll(sends)).Count(ok => ok) * BatchesPerPost;
            }

            _output.WriteLine($"{acknowledged} events acknowledged");
            Assert.True(acknowledged >= 500, $"the load was sustained ({acknowledged} events acknowledged)");

            // Everything reaches the sandbox in the end, at the shared pace.
            await Eventually.HoldsAsync(async () => (await DeliveredEventsAsync(braze)) >= acknowledged, TimeSpan.FromSeconds(120), "every acknowledged event reaches the sandbox");

            var log = await TrackLogAsync(braze);
            var perWindow = log.GroupBy(r => r.Time.ToUnixTimeSeconds() / 3).Select(w => w.Count()).ToList();
            _output.WriteLine($"{log.Count} requests over {perWindow.Count} windows, at most {perWindow.Max()} in one");
            Assert.DoesNotContain(log, r => r.Status == 429);
            Assert.All(perWindow, count => Assert.InRange(count, 1, Limit));
            Assert.InRange(perWindow.Max(), OutputLimit, Limit); // the budget was what held the nodes back
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            foreach (var process in processes)
            {
                process.Terminate();
                await process.WaitForExitAsync(StartTimeout);
                process.Dispose();
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<int> HeldCountAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/partitions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["held"]!.AsArray().Count;
    }

    private static async Task<bool> PostAsync(HttpClient node, int post)
    {
        var batches = Enumerable.Range(0, BatchesPerPost).Select(i =>
        {
            var n = (post * BatchesPerPost) + i;
            return $$$$"""{"environment":"development","user_identities":{"customer_id":"u{{{{n % Users}}}}"},"events":[{"event_type":"custom_event","data":{"event_name":"step","custom_event_type":"other","custom_attributes":{"seq":"{{{{n}}}}"}}}]}""";
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents")
        {
            Content = new StringContent("[" + string.Join(',', batches) + "]", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
        using var response = await node.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    private static async Task<List<(DateTimeOffset Time, int Status)>> TrackLogAsync(BrazeSandbox braze)
    {
        var log = JsonNode.Parse(await braze.Client.GetStringAsync("_sandbox/requests?path=/users/track"))!["requests"]!.AsArray();
        return [.. log.Select(e => (DateTimeOffset.Parse(e!["time"]!.GetValue<string>(), CultureInfo.InvariantCulture), e["status"]!.GetValue<int>()))];
    }

    /// <summary>The distinct "step" events (user and seq) in the requests the sandbox accepted.</summary>
    private static async Task<int> DeliveredEventsAsync(BrazeSandbox braze)
    {
        var log = JsonNode.Parse(await braze.Client.GetStringAsync("_sandbox/requests?path=/users/track"))!["requests"]!.AsArray();
        var delivered = new HashSet<(string, string)>();
        foreach (var entry in log)
        {
            if (entry!["status"]?.GetValue<int>() is not (>= 200 and < 300))
            {
                continue;
            }

            foreach (var e in JsonNode.Parse(entry["body_excerpt"]!.GetValue<string>())!["events"]?.AsArray() ?? [])
            {
                if ((string?)e!["name"] == "step")
                {
                    delivered.Add(((string)e["external_id"]!, e["properties"]!["seq"]!.ToString()));
                }
            }
        }

        return delivered.Count;
    }
}
