using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Control;

public sealed class SandboxControlResetTests
{
    [Fact]
    public async Task Reset_clears_segments_faults_the_request_log_and_restores_the_configured_limits()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var options = new SandboxControlOptions { RateLimits = new SandboxRateLimitOptions { Track = new(2, 3) } };
        await using var host = await SandboxTestHost.StartAsync(time, options);
        (await host.PutAsync("/_sandbox/segments/s", """{"filter":{"attribute":"a","operator":"is_blank"}}""")).Dispose();
        (await host.PutAsync("/_sandbox/ratelimits", """{"track":{"limit":1}}""")).Dispose();
        (await host.TrackAsync()).Dispose();
        (await host.PostAsync("/_sandbox/faults", """{"kind":"status","status":500,"count":9}""")).Dispose();

        host.Services.GetRequiredService<SandboxControlReset>().Reset();

        Assert.Empty((await host.GetJsonAsync("/_sandbox/segments"))["segments"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("/_sandbox/faults"))["faults"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray());
        Assert.Equal(2, host.Services.GetRequiredService<RateLimitLedger>().Options.Track.Limit);
        using var track = await host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, track.StatusCode);
        Assert.Equal("1", track.Headers.GetValues("x-ratelimit-remaining").Single());
    }
}
