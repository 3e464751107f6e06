using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>e2e</c>: Events API → inbox → processor → outbox → delivery engine → Braze (the sandbox, in this process),
/// timed from the first request until the sandbox has acknowledged every batch (read from the server's /metrics).
/// </summary>
internal static partial class EndToEndBenchmark
{
    private const string RestKey = "bench-rest-key-0123456789";

    public static async Task<int> RunAsync(int batches, int users, int connections, int? maxInFlight = null)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        options.Control.RateLimits = options.Control.RateLimits with { Track = new(3_000, 3) };
        await using var sandbox = await SandboxServer.StartAsync(options);
        var output = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/') };
        using var server = await ServerProcess.StartAsync(processor: true, output.ToJsonString(), maxInFlight: maxInFlight);

        var payloads = PayloadFactory.Create(100, 5, seed: 11, users);
        var requests = (batches + 99) / 100;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = server.Address };
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        long counter = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var body = new byte[payloads.Template.Length];
            while (Interlocked.Increment(ref next) < requests)
            {
                payloads.Stamp(body, ref counter);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = auth;
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"The server answered {(int)response.StatusCode}.");
                }
            }
        })));
        var ingested = clock.Elapsed;
        var expected = requests * 100L;

        double delivered = 0, objects = 0, sent = 0;
        TimeSpan? processed = null;
        while (delivered < expected && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200);
            var metrics = await client.GetStringAsync("/metrics");
            // The backlog gauge is sampled once a second, so this moment is good to about a second.
            if (processed is null && Sum(metrics, "switchyard_processing_backlog") + Sum(metrics, "switchyard_processing_backlog_batch") == 0)
            {
                processed = clock.Elapsed;
            }

            delivered = Sum(metrics, "switchyard_delivery_items_delivered_total") + Sum(metrics, "switchyard_delivery_items_skipped_total");
            objects = Sum(metrics, "switchyard_delivery_request_objects_sum");
            sent = Sum(metrics, "switchyard_delivery_request_objects_count");
        }

        var elapsed = clock.Elapsed;
        var events = expected * 5;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"e2e: {expected:N0} batches ({events:N0} events) from {users:N0} users: ingested in {ingested.TotalSeconds:F1} s, all acknowledged by the sandbox after {elapsed.TotalSeconds:F1} s " +
            $"= {events / elapsed.TotalSeconds:N0} events/s end to end; {sent:N0} requests, {objects / Math.Max(1, sent):F1} objects per request " +
            $"({objects / Math.Max(1, sent) / 75 * 100:F0} % of the 75-object rule); delivered {delivered:N0} of {expected:N0}; " +
            $"processing caught up after {processed?.TotalSeconds ?? double.NaN:F1} s"));
        return delivered >= expected ? 0 : 1;
    }

    private static double Sum(string metrics, string name)
    {
        double total = 0;
        foreach (Match match in Sample().Matches(metrics))
        {
            if (match.Groups[1].Value == name)
            {
                total += double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^([a-z_]+)(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
