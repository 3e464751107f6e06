using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// Drives <c>/v2/bulkevents</c> (or another ingest route, <see cref="LoadTarget"/>) over loopback for a fixed time. Without a target rate every connection
/// sends as fast as answers come back (the ceiling); with one, sends are paced to that many events per second
/// and the latency is read at that load.
/// </summary>
internal static class LoadRunner
{
    private static long s_runs;

    public static async Task<LoadResult> RunAsync(ServerProcess server, PayloadFactory payloads, int connections, TimeSpan duration, double? eventsPerSecond, LoadTarget? target = null)
    {
        target ??= LoadTarget.Bulk;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new LatencyRecorder();
        long requests = 0, failures = 0;
        // Ids differ from every earlier run of this process, so a run on a server that had one is not de-duplicated.
        var counter = Interlocked.Add(ref s_runs, 1L << 40);
        var requestInterval = eventsPerSecond is { } rate ? TimeSpan.FromSeconds(payloads.EventsPerRequest * connections / rate) : TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            var body = new byte[payloads.Template.Length];
            var next = clock.Elapsed + requestInterval * worker / connections;
            while (clock.Elapsed < duration)
            {
                if (requestInterval > TimeSpan.Zero)
                {
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += requestInterval;
                }

                payloads.Stamp(body, ref counter);
                using var request = target.Request(body);
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

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = clock.Elapsed;
        return new LoadResult(requests, requests * payloads.EventsPerRequest, failures, elapsed, latencies.Percentile(50), latencies.Percentile(99), server.PeakResidentMegabytes());
    }
}
