using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>web-ingest</c>: the browser path beside the server path, one batch per request as the Web SDK sends it. The same
/// single-batch body goes to <c>/webevents/v3/JS/{key}/events</c> (text/plain, the key in the path, CORS headers) and
/// to <c>/v2/events</c> (HTTP Basic), on an ingest-only server warmed up on both, in an order that alternates by round;
/// the table shows medians.
/// </summary>
internal static class WebIngestBenchmark
{
    public static async Task<int> RunAsync(TimeSpan duration, int connections, int eventsPerBatch, int rounds)
    {
        var bulk = PayloadFactory.Create(1, eventsPerBatch, seed: 11);
        // The bulk template is "[batch]": the batch alone is the single-batch body, its id one byte earlier.
        var template = bulk.Template[1..^1];
        var idOffsets = bulk.IdOffsets.Select(o => o - 1).ToArray();
        System.Console.WriteLine($"Payload: 1 batch x {eventsPerBatch} events, {template.Length / 1024.0:F1} KB per request; {connections} connections");
        System.Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var web = new List<LoadResult>();
        var server = new List<LoadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            using var process = await ServerProcess.StartAsync(processor: false, webInput: true);
            // A fresh server compiles as it goes: both paths warm up first, and the order alternates by round.
            await RunAsync(process, template, idOffsets, eventsPerBatch, connections, TimeSpan.FromSeconds(3), web: false);
            await RunAsync(process, template, idOffsets, eventsPerBatch, connections, TimeSpan.FromSeconds(3), web: true);
            foreach (var isWeb in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var result = await RunAsync(process, template, idOffsets, eventsPerBatch, connections, duration, isWeb);
                (isWeb ? web : server).Add(result);
                System.Console.WriteLine($"round {round}: {(isWeb ? "/webevents/v3/…/events" : "/v2/events            ")} {Describe(result)}");
            }
        }

        var serverRate = Median(server.Select(r => r.EventsPerSecond));
        var webRate = Median(web.Select(r => r.EventsPerSecond));
        System.Console.WriteLine();
        System.Console.WriteLine("| Path (one batch per request) | Median events/s | Requests/s | p50 / p99 |");
        System.Console.WriteLine("|---|---|---|---|");
        System.Console.WriteLine($"| Server: `/v2/events`, Basic auth | {serverRate:N0} | {Median(server.Select(r => r.Requests / r.Elapsed.TotalSeconds)):N0} | {Median(server.Select(r => r.P50Ms)):F1} / {Median(server.Select(r => r.P99Ms)):F1} ms |");
        System.Console.WriteLine($"| Browser: `/webevents/v3/JS/{{key}}/events`, text/plain, Origin | {webRate:N0} | {Median(web.Select(r => r.Requests / r.Elapsed.TotalSeconds)):N0} | {Median(web.Select(r => r.P50Ms)):F1} / {Median(web.Select(r => r.P99Ms)):F1} ms |");
        System.Console.WriteLine($"| Browser / server | {webRate / serverRate:F2} | | |");
        var failures = web.Concat(server).Sum(r => r.Failures);
        System.Console.WriteLine($"| Failed requests | {failures} | | |");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<LoadResult> RunAsync(ServerProcess server, byte[] template, int[] idOffsets, int eventsPerBatch, int connections, TimeSpan duration, bool web)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        var path = web ? $"/webevents/v3/JS/{ServerProcess.WebKey}/events" : "/v2/events";
        var latencies = new LatencyRecorder();
        long requests = 0, failures = 0;
        // Ids differ per path and round so neither is de-duplicated against the other.
        long counter = (web ? 1L : 2L) << 40 | (long)Stopwatch.GetTimestamp() % (1L << 39);
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            var body = new byte[template.Length];
            var text = new char[PayloadFactory.IdWidth];
            while (clock.Elapsed < duration)
            {
                template.CopyTo(body, 0);
                foreach (var offset in idOffsets)
                {
                    Interlocked.Increment(ref counter).TryFormat(text, out _, "D24", CultureInfo.InvariantCulture);
                    for (var i = 0; i < PayloadFactory.IdWidth; i++)
                    {
                        body[offset + i] = (byte)text[i];
                    }
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                if (web)
                {
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "UTF-8" };
                    request.Headers.Add("Origin", "https://shop.example.com");
                }
                else
                {
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.Authorization = auth;
                }

                var started = clock.Elapsed;
                try
                {
                    using var response = await client.SendAsync(request);
                    if ((int)response.StatusCode == 202)
                    {
                        latencies.Add(clock.Elapsed - started);
                        Interlocked.Increment(ref requests);
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = clock.Elapsed;
        return new LoadResult(requests, requests * eventsPerBatch, failures, elapsed, latencies.Percentile(50), latencies.Percentile(99), server.PeakResidentMegabytes());
    }

    private static string Describe(LoadResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.EventsPerSecond:N0} events/s, {r.Requests} requests, p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, {r.Failures} failed");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
