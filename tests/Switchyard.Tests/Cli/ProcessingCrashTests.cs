using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>kill -9 while batches are being processed: after a restart every batch counts exactly once.</summary>
public sealed class ProcessingCrashTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-crash-" + Guid.NewGuid().ToString("N"));

    public ProcessingCrashTests() => Directory.CreateDirectory(_directory);

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Events_are_counted_once_when_the_service_is_killed_during_processing_and_restarted(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        var data = Path.Combine(_directory, "data");
        const int Batches = 60;
        using (var first = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0")))
        {
            var (client, key, secret, _) = await ConnectAsync(first);
            using (client)
            {
                for (var i = 0; i < Batches; i++)
                {
                    using var response = await PostAsync(client, key, secret, i);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }

                // Kill while the processor is part-way, or just after it finished: both must end the same.
                await Task.Delay(Random.Shared.Next(0, 200));
                first.Kill();
            }
        }

        using var second = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0"));
        var (again, _, _, adminToken) = await ConnectAsync(second);
        using (again)
        {
            JsonNode? profile = null;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/profiles?identity=customer_id&value=crash-user");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
                using var response = await again.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    profile = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    if (Total(profile!) == Batches)
                    {
                        break;
                    }
                }

                await Task.Delay(50);
            }

            Assert.NotNull(profile);
            Assert.Equal(Batches, Total(profile!));
        }
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task An_ingest_only_node_stores_batches_that_a_later_start_processes(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        var data = Path.Combine(_directory, "data");
        using (var ingestOnly = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0", "--no-processor")))
        {
            var (client, key, secret, token) = await ConnectAsync(ingestOnly);
            using (client)
            {
                using var response = await PostAsync(client, key, secret, 0);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                Assert.Contains("Processor       off", ingestOnly.Output, StringComparison.Ordinal);
                await Task.Delay(1500);
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/processing");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var counters = await client.SendAsync(request);
                var processing = JsonNode.Parse(await counters.Content.ReadAsStringAsync())!;
                Assert.Equal((1L, 0L), ((long)processing["inbox_batches"]!, (long)processing["processed_batches"]!));
            }

            ingestOnly.Terminate();
            Assert.Equal(0, await ingestOnly.WaitForExitAsync(StartTimeout));
        }

        using var full = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0"));
        var (again, _, _, adminToken) = await ConnectAsync(full);
        using (again)
        {
            HttpStatusCode status = HttpStatusCode.NotFound;
            for (var attempt = 0; attempt < 200 && status != HttpStatusCode.OK; attempt++)
            {
                await Task.Delay(50);
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/profiles?identity=customer_id&value=crash-user");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
                using var response = await again.SendAsync(request);
                status = response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static long Total(JsonNode profile) =>
        profile["events"]!.AsArray().Where(e => (string?)e!["key"] == "custom_event:Tick").Select(e => (long)e!["total"]!).FirstOrDefault();

    private static async Task<(HttpClient Client, string Key, string Secret, string AdminToken)> ConnectAsync(SwitchyardProcess process)
    {
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var key = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var secret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        var token = (await process.WaitForLineAsync(SwitchyardProcess.AdminTokenLine(), StartTimeout)).Groups[1].Value;
        return (new HttpClient { BaseAddress = new Uri(address) }, key, secret, token);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string secret, int i)
    {
        var body = "{\"environment\":\"development\",\"source_request_id\":\"tick-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "\",\"user_identities\":{\"customer_id\":\"crash-user\"},"
            + "\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"Tick\",\"custom_event_type\":\"other\"}}]}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic(key, secret);
        return client.SendAsync(request);
    }
}
