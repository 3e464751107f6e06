using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;
using Xunit.Abstractions;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// Bounded disk under steady load: with an inbox retention of seconds, the inbox's used pages stop growing after the
/// first retention period and the file reuses the pages pruning frees; every batch still reaches Braze, and dead
/// letters whose batches the inbox has pruned replay from the copy they kept.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class InboxRetentionSoakTests(ITestOutputHelper output)
{
    private const string RestKey = "soak-rest-key-0123456789";
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(24);
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Under_steady_load_the_inbox_stays_flat_nothing_is_lost_and_pruned_dead_letters_still_replay()
    {
        var sandboxOptions = new SandboxOptions { Port = 0 };
        sandboxOptions.ApiKeys.Add(new SandboxApiKey(RestKey));
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions);
        using var braze = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var dataDirectory = Path.Combine(Path.GetTempPath(), "switchyard-soak-" + Guid.NewGuid().ToString("N"));
        try
        {
            // First run: the output's key is unknown to Braze, so every item is rejected and dead-lettered.
            await using (var refused = await StartAsync(sandbox, dataDirectory, "not-a-known-key-0123456789"))
            {
                using var client = new HttpClient { BaseAddress = refused.BaseAddress };
                for (var i = 0; i < 5; i++)
                {
                    await PostAsync(client, [$"dead-{i}"]);
                }

                var deliveries = (IDeliveryStore)refused.Profiles;
                await Eventually.HoldsAsync(async () => (await deliveries.DeadLettersAsync("braze", 0, 10, default)).Count == 5, TimeSpan.FromSeconds(15), "five dead letters");
                Assert.All(await deliveries.DeadLettersAsync("braze", 0, 10, default), l => Assert.True(l.KeepsBatch));
            }

            // Second run on the same data: a good key, steady load, the inbox sampled once a second.
            await using var service = await StartAsync(sandbox, dataDirectory, RestKey);
            using var http = new HttpClient { BaseAddress = service.BaseAddress };
            var inboxPath = Path.Combine(dataDirectory, "inbox.db");
            var samples = new List<(TimeSpan At, long Used, long Pages)>();
            var started = TimeProvider.System.GetTimestamp();
            var sent = 0;
            var nextSample = TimeSpan.Zero;
            while (TimeProvider.System.GetElapsedTime(started) < Load)
            {
                var users = Enumerable.Range(sent, 20).Select(n => $"load-{n}").ToArray();
                await PostAsync(http, users);
                sent += users.Length;
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (elapsed >= nextSample)
                {
                    var (used, pages) = await PagesAsync(inboxPath);
                    samples.Add((elapsed, used, pages));
                    nextSample += TimeSpan.FromSeconds(1);
                }

                await Task.Delay(100);
            }

            output.WriteLine($"{sent} batches sent; inbox samples (s: used pages / file pages):");
            output.WriteLine(string.Join(", ", samples.Select(s => $"{s.At.TotalSeconds:0}: {s.Used}/{s.Pages}")));

            // Past the first retention period (and the pipeline's lag), the inbox holds a window, not the history.
            var settled = samples.Where(s => s.At >= Warmup).ToList();
            var baseline = settled.Take(3).Max(s => s.Used);
            var filePages = settled.Take(3).Max(s => s.Pages);
            Assert.All(settled, s => Assert.True(s.Used <= (baseline * 3 / 2) + 8, $"used pages grew to {s.Used} from {baseline} at {s.At.TotalSeconds:0} s"));
            Assert.All(settled, s => Assert.True(s.Pages <= (filePages * 3 / 2) + 8, $"the file grew to {s.Pages} pages from {filePages} at {s.At.TotalSeconds:0} s"));
            Assert.True(sent >= 2_000, $"only {sent} batches were sent");

            // Nothing lost: every user of the load reaches Braze.
            await Eventually.HoldsAsync(async () => await SandboxUsersAsync(braze) == sent, TimeSpan.FromSeconds(30), $"all {sent} users in Braze");

            // The dead letters' batches are long gone from the inbox; each replays from its own copy.
            var first = Assert.Single(await service.Inbox.ReadAsync(0, 1, default));
            using (var listed = await http.SendAsync(Admin(service, HttpMethod.Get, "/admin/dead-letters?output=braze")))
            {
                var listing = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!["dead_letters"]!.AsArray();
                Assert.Equal(5, listing.Count);
                Assert.All(listing, l => Assert.True((bool)l!["keeps_batch"]!));
            }

            var letters = await ((IDeliveryStore)service.Profiles).DeadLettersAsync("braze", 0, 10, default);
            Assert.All(letters, l => Assert.True((long)JsonNode.Parse(l.Payload)!["seq"]! < first.Sequence));
            foreach (var letter in letters)
            {
                using var replayed = await http.SendAsync(Admin(service, HttpMethod.Post, $"/admin/dead-letters/{letter.Id}/replay"));
                Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
            }

            await Eventually.HoldsAsync(async () => await SandboxUsersAsync(braze) == sent + 5, TimeSpan.FromSeconds(15), "the replayed users in Braze");
            Assert.Empty(await ((IDeliveryStore)service.Profiles).DeadLettersAsync("braze", 0, 10, default));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static HttpRequestMessage Admin(SwitchyardHost service, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.AdminToken);
        return request;
    }

    private static Task<SwitchyardHost> StartAsync(SandboxServer sandbox, string dataDirectory, string key)
    {
        var settings = new JsonObject { ["restApiKey"] = key, ["instance"] = "Custom", ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/') };
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", settings.ToJsonString())],
            Connections = [new Connection("app", "braze")],
            InboxRetention = Retention,
        };
        return SwitchyardHost.StartAsync(new ServeSettings { Workspace = workspace, DataDirectory = dataDirectory, Port = 0, MinimumLogLevel = LogLevel.Warning });
    }

    private static async Task PostAsync(HttpClient client, IReadOnlyList<string> customerIds)
    {
        var batches = new JsonArray();
        foreach (var id in customerIds)
        {
            batches.Add(new JsonObject
            {
                ["environment"] = "development",
                ["user_identities"] = new JsonObject { ["customer_id"] = id },
                ["user_attributes"] = new JsonObject { ["plan"] = "pro", ["notes"] = new string('n', 800) },
            });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new StringContent(batches.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<(long Used, long Pages)> PagesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()), (SELECT freelist_count FROM pragma_freelist_count());";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0) - reader.GetInt64(1), reader.GetInt64(0));
    }

    private static async Task<long> SandboxUsersAsync(HttpClient braze) =>
        (long)(await braze.GetFromJsonAsync<JsonObject>("_sandbox/users?page=1&page_size=1"))!["total"]!;
}
