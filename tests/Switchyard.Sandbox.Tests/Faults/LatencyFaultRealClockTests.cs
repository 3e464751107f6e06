using System.Diagnostics;
using System.Net;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Faults;

public sealed class LatencyFaultRealClockTests
{
    [Fact]
    public async Task A_latency_fault_delays_the_response_by_at_least_its_duration_then_handles_it_normally()
    {
        await using var host = await SandboxTestHost.StartAsync(TimeProvider.System);
        (await host.PostAsync("/_sandbox/faults", """{"kind":"latency","latency_ms":150,"path":"/users/track"}""")).Dispose();

        var watch = Stopwatch.StartNew();
        using var response = await host.TrackAsync();
        watch.Stop();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // Timers may fire a millisecond or so before the stopwatch says 150 ms have passed: allow a small margin.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.True(response.Headers.Contains("x-ratelimit-limit"));
    }
}
