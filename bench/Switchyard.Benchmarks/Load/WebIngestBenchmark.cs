using System.Globalization;
using System.Runtime.InteropServices;

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
        var payloads = PayloadFactory.Single(eventsPerBatch, seed: 11);
        System.Console.WriteLine($"Payload: 1 batch x {eventsPerBatch} events, {payloads.Template.Length / 1024.0:F1} KB per request; {connections} connections");
        System.Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var web = new List<LoadResult>();
        var server = new List<LoadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            using var process = await ServerProcess.StartAsync(processor: false, webInput: true);
            // A fresh server compiles as it goes: both paths warm up first, and the order alternates by round.
            await LoadRunner.RunAsync(process, payloads, connections, TimeSpan.FromSeconds(3), null, LoadTarget.Single);
            await LoadRunner.RunAsync(process, payloads, connections, TimeSpan.FromSeconds(3), null, LoadTarget.WebSdk);
            foreach (var isWeb in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var result = await LoadRunner.RunAsync(process, payloads, connections, duration, null, isWeb ? LoadTarget.WebSdk : LoadTarget.Single);
                (isWeb ? web : server).Add(result);
                System.Console.WriteLine($"round {round}: {(isWeb ? "/webevents/v3/…/events" : "/v2/events            ")} {Describe(result)}");
            }
        }

        var serverRate = Medians.Of(server.Select(r => r.EventsPerSecond));
        var webRate = Medians.Of(web.Select(r => r.EventsPerSecond));
        System.Console.WriteLine();
        System.Console.WriteLine("| Path (one batch per request) | Median events/s | Requests/s | p50 / p99 |");
        System.Console.WriteLine("|---|---|---|---|");
        System.Console.WriteLine($"| Server: `/v2/events`, Basic auth | {serverRate:N0} | {Medians.Of(server.Select(r => r.Requests / r.Elapsed.TotalSeconds)):N0} | {Medians.Of(server.Select(r => r.P50Ms)):F1} / {Medians.Of(server.Select(r => r.P99Ms)):F1} ms |");
        System.Console.WriteLine($"| Browser: `/webevents/v3/JS/{{key}}/events`, text/plain, Origin | {webRate:N0} | {Medians.Of(web.Select(r => r.Requests / r.Elapsed.TotalSeconds)):N0} | {Medians.Of(web.Select(r => r.P50Ms)):F1} / {Medians.Of(web.Select(r => r.P99Ms)):F1} ms |");
        System.Console.WriteLine($"| Browser / server | {webRate / serverRate:F2} | | |");
        var failures = web.Concat(server).Sum(r => r.Failures);
        System.Console.WriteLine($"| Failed requests | {failures} | | |");
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(LoadResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.EventsPerSecond:N0} events/s, {r.Requests} requests, p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, {r.Failures} failed");
}
