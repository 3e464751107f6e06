using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;
using Xunit.Abstractions;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// kill -9 while delivering to Braze (the sandbox, in this test process, so it outlives every kill): no acknowledged
/// event is lost, and an event reaches Braze twice only if it was in a request in flight at a kill (up to the output's maxInFlight).
/// </summary>
public sealed class DeliveryCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RestKey = "crash-rest-key-0123456789";
    private const string FeedKey = "crash-feed";
    private const string FeedSecret = "crash-feed-secret-0123456789";
    private const int Users = 50;

    /// <summary>The most events one /users/track request carries (Braze's 75 per array).</summary>
    private const int EventsPerRequest = 75;

    /// <summary>The output's requests in flight at once (its maxInFlight): a kill can leave that many answered and unrecorded.</summary>
    private const int InFlight = 4;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-delivery-crash-" + Guid.NewGuid().ToString("N"));
    private SandboxServer _sandbox = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(options);
        var workspace = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject { ["id"] = "app", ["key"] = FeedKey, ["secret"] = FeedSecret }),
            ["outputs"] = new JsonArray(new JsonObject
            {
                ["id"] = "braze",
                ["type"] = "braze",
                ["maxInFlight"] = InFlight,
                ["settings"] = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = _sandbox.BaseAddress.ToString().TrimEnd('/') },
            }),
            ["connections"] = new JsonArray(new JsonObject { ["input"] = "app", ["output"] = "braze" }),
        };
        _config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(_config, workspace.ToJsonString());
    }

    public async Task DisposeAsync()
    {
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
    public async Task Killed_at_random_points_under_load_and_restarted_it_loses_no_acknowledged_event_and_repeats_at_most_the_requests_in_flight(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        const int Kills = 3;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SWITCHYARD_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (rerun with SWITCHYARD_CRASH_SEED={seed})");
        var random = new Random(seed);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var request = 0;
        for (var round = 0; round < Kills; round++)
        {
            using var serve = Start(storage);
            using var client = await ConnectAsync(serve);
            // Load until the kill, which lands at a random moment of ingest, processing and delivery.
            var killAfter = TimeSpan.FromMilliseconds(random.Next(300, 2500));
            var started = TimeProvider.System.GetTimestamp();
            while (TimeProvider.System.GetElapsedTime(started) < killAfter)
            {
                var (body, names) = Bulk(request++, random);
                if (await TryPostAsync(client, body))
                {
                    acknowledged.UnionWith(names);
                }
            }

            serve.Kill();
            output.WriteLine($"kill {round + 1} after {killAfter.TotalMilliseconds} ms; {acknowledged.Count} events acknowledged so far");
        }

        using (var last = Start(storage))
        {
            using var client = await ConnectAsync(last);
            var counts = await WaitForAllAsync(acknowledged, $"seed {seed}");
            var twice = counts.Values.Sum(c => c - 1);
            output.WriteLine($"{acknowledged.Count} acknowledged events, {counts.Count} in Braze, {twice} delivered twice");
            Assert.True(twice <= Kills * InFlight * EventsPerRequest, $"seed {seed}: {twice} events delivered twice, more than {Kills} kills × {InFlight} requests in flight × {EventsPerRequest} events");
        }
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_kill_between_brazes_answer_and_the_ledger_write_resends_at_most_the_requests_in_flight(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        var data = Path.Combine(_directory, "data");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(5);

        // An ingest-only start fills the inbox, so the next start delivers it in passes of several requests.
        using (var ingest = SwitchyardProcess.Start(_directory, storage.Serve("--config", _config, "--data", data, "--port", "0", "--no-processor")))
        {
            using var client = await ConnectAsync(ingest);
            for (var i = 0; i < 20; i++)
            {
                var (body, batchNames) = Bulk(i, random);
                Assert.True(await TryPostAsync(client, body));
                names.UnionWith(batchNames);
            }

            ingest.Terminate();
            Assert.Equal(0, await ingest.WaitForExitAsync(StartTimeout));
        }

        using (var crashing = SwitchyardProcess.Start(
            _directory, new Dictionary<string, string> { ["SWITCHYARD_TEST_CRASH_AFTER_ACKNOWLEDGED"] = "3" }, storage.Serve("--config", _config, "--data", data, "--port", "0")))
        {
            var code = await crashing.WaitForExitAsync(StartTimeout);
            Assert.NotEqual(0, code);
            Assert.Contains("killing the process after acknowledged request 3", crashing.Output, StringComparison.Ordinal);
        }

        var beforeRestart = await EventCountsAsync();
        output.WriteLine($"{beforeRestart.Values.Sum()} events in Braze at the kill");
        Assert.True(beforeRestart.Values.Sum() > 2 * EventsPerRequest, "three requests were acknowledged before the kill");

        using var restarted = Start(storage, data);
        using (await ConnectAsync(restarted))
        {
            var counts = await WaitForAllAsync(names, "crash point");
            var twice = counts.Values.Sum(c => c - 1);
            output.WriteLine($"{names.Count} events, {twice} delivered twice");
            // The killed request, and at most the other requests in flight that Braze had answered and the kill left
            // unrecorded (each request group records its answer before it sends its next request).
            Assert.InRange(twice, 1, InFlight * EventsPerRequest);
        }
    }

    private SwitchyardProcess Start(ServeStorage storage, string? data = null) =>
        SwitchyardProcess.Start(_directory, storage.Serve("--config", _config, "--data", data ?? Path.Combine(_directory, "data"), "--port", "0"));

    private static async Task<HttpClient> ConnectAsync(SwitchyardProcess process)
    {
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>One /v2/bulkevents body: 10 batches of 3 events, each event named uniquely, for users drawn at random.</summary>
    private static (string Body, List<string> Names) Bulk(int request, Random random)
    {
        var batches = new JsonArray();
        var names = new List<string>();
        for (var b = 0; b < 10; b++)
        {
            var events = new JsonArray();
            for (var e = 0; e < 3; e++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"r{request}b{b}e{e}");
                names.Add(name);
                events.Add(new JsonObject { ["event_type"] = "custom_event", ["data"] = new JsonObject { ["event_name"] = name, ["custom_event_type"] = "other" } });
            }

            batches.Add(new JsonObject
            {
                ["environment"] = "development",
                ["user_identities"] = new JsonObject { ["customer_id"] = string.Create(CultureInfo.InvariantCulture, $"u{random.Next(Users)}") },
                ["events"] = events,
            });
        }

        return (batches.ToJsonString(), names);
    }

    /// <summary>Posts a bulk request; false when the service did not answer 202 (it was being killed).</summary>
    private static async Task<bool> TryPostAsync(HttpClient client, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Authorization = TestService.Basic(FeedKey, FeedSecret);
        try
        {
            using var response = await client.SendAsync(message);
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until every one of <paramref name="names"/> is in Braze; returns the count of every event there.</summary>
    private async Task<Dictionary<string, int>> WaitForAllAsync(IReadOnlySet<string> names, string context)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(120);
        while (true)
        {
            var counts = await EventCountsAsync();
            var missing = names.Count(n => !counts.ContainsKey(n));
            if (missing == 0)
            {
                return counts;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"{context}: {missing} of {names.Count} acknowledged events never reached Braze");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every custom event in the sandbox with how often Braze received it, over all test users.</summary>
    private async Task<Dictionary<string, int>> EventCountsAsync()
    {
        using var client = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        var ids = new JsonArray(Enumerable.Range(0, Users).Select(i => (JsonNode)string.Create(CultureInfo.InvariantCulture, $"u{i}")).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent(new JsonObject { ["external_ids"] = ids, ["fields_to_export"] = new JsonArray("external_id", "custom_events") }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await client.SendAsync(request);
        var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            foreach (var e in user!["custom_events"]?.AsArray() ?? [])
            {
                counts[(string)e!["name"]!] = (int)e["count"]!;
            }
        }

        return counts;
    }
}
