using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class SandboxClockTests
{
    [Fact]
    public async Task The_clock_given_in_the_options_also_drives_the_rate_limits_of_a_standalone_server()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxHttp.StartAsync(o => o.Control.RateLimits = o.Control.RateLimits with { Track = new(1, 3600) }, time);

        var (first, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");
        var (second, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":2}]}""");
        time.Advance(TimeSpan.FromHours(1));
        var (third, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":3}]}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.Created), (first, second, third));
    }
}
