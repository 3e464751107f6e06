using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// Drives <c>/v2/bulkevents</c> over loopback for a fixed time. Without a target rate every connection
/// sends as fast as answers come back (the ceiling); with one, sends are paced to that many events per second
/// and the latency is read at that load.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(ServerProcess server, PayloadFactory payloads, int connections, TimeSpan duration, double? eventsPerSecond)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        var latencies = new LatencyRecorder();
        long requests = 0, failures = 0, counter = 0;
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
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = auth;
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
