using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Faults;

public sealed class FaultTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private SandboxTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SandboxTestHost.StartAsync(_time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(500, "Internal Server Error")]
    [InlineData(502, "Bad Gateway")]
    [InlineData(503, "Service Unavailable")]
    [InlineData(504, "Gateway Timeout")]
    public async Task A_status_fault_answers_with_that_status_and_a_Braze_like_body(int status, string message)
    {
        var id = await AddFaultAsync($$"""{"kind":"status","status":{{status}}}""");

        using var response = await _host.TrackAsync();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(message, (await SandboxTestHost.BodyAsync(response))["message"]!.GetValue<string>());
        Assert.Equal(id, response.Headers.GetValues("x-sandbox-fault").Single());
    }

    [Fact]
    public async Task An_injected_429_carries_rate_limit_headers_and_the_rule_reset_time()
    {
        await AddFaultAsync("""{"kind":"status","status":429,"retry_after_seconds":30}""");

        using var response = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("3000", response.Headers.GetValues("x-ratelimit-limit").Single());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.Equal(Start.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("x-ratelimit-reset").Single());
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_count_scoped_fault_applies_to_the_next_N_requests_then_expires()
    {
        await AddFaultAsync("""{"kind":"status","status":503,"count":2}""");

        using (var first = await _host.TrackAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        var listed = await _host.GetJsonAsync("/_sandbox/faults");
        Assert.Equal(1, listed["faults"]![0]!["remaining"]!.GetValue<int>());

        using (var second = await _host.TrackAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        }

        using var third = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Empty((await _host.GetJsonAsync("/_sandbox/faults"))["faults"]!.AsArray());
    }

    [Fact]
    public async Task A_fault_for_some_seconds_expires_on_the_sandbox_clock()
    {
        await AddFaultAsync("""{"kind":"status","status":502,"for_seconds":10}""");
        for (var i = 0; i < 3; i++)
        {
            using var failing = await _host.TrackAsync();
            Assert.Equal(HttpStatusCode.BadGateway, failing.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        using var ok = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task A_fault_until_a_time_expires_then_and_its_429_resets_then()
    {
        var until = Start.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture);
        await AddFaultAsync($$"""{"kind":"status","status":429,"until":"{{until}}"}""");
        using (var limited = await _host.TrackAsync())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(Start.AddMinutes(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), limited.Headers.GetValues("x-ratelimit-reset").Single());
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        using var ok = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task A_path_filter_limits_the_fault_to_that_route()
    {
        await AddFaultAsync("""{"kind":"status","status":500,"path":"/users/track/","count":5}""");

        using var other = await _host.PostAsync("/users/delete", "{}");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var track = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, track.StatusCode);
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_client_no_response()
    {
        await AddFaultAsync("""{"kind":"drop"}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => _host.TrackAsync());
        using var next = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task A_latency_fault_holds_the_request_until_the_sandbox_clock_has_moved_on()
    {
        await AddFaultAsync("""{"kind":"latency","latency_ms":5000}""");

        var pending = _host.TrackAsync();
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        // The delay may register a moment after the request arrives; keep moving the clock until it fires.
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        using var response = await pending;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Control_routes_are_never_faulted()
    {
        await AddFaultAsync("""{"kind":"status","status":500}""");

        using var control = await _host.Client.GetAsync("/_sandbox/faults");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        var rule = (await SandboxTestHost.BodyAsync(control))["faults"]![0]!;
        Assert.Equal(1, rule["remaining"]!.GetValue<int>());
        Assert.Equal(0, rule["applied"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_the_faults_clears_every_rule()
    {
        await AddFaultAsync("""{"kind":"status","status":500,"count":3}""");
        await AddFaultAsync("""{"kind":"drop","for_seconds":60}""");

        using var deleted = await _host.Client.DeleteAsync("/_sandbox/faults");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var ok = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task One_rule_can_be_removed_by_id()
    {
        var id = await AddFaultAsync("""{"kind":"status","status":500}""");
        using var deleted = await _host.Client.DeleteAsync($"/_sandbox/faults/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var missing = await _host.Client.DeleteAsync($"/_sandbox/faults/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"status","status":418}""", "status")]
    [InlineData("""{"kind":"status"}""", "status")]
    [InlineData("""{"kind":"explode"}""", "kind")]
    [InlineData("""{"kind":"latency"}""", "latency_ms")]
    [InlineData("""{"kind":"drop","count":0}""", "count")]
    [InlineData("""{"kind":"drop","for_seconds":5,"until":"2030-01-01T00:00:00Z"}""", "until")]
    [InlineData("""{"kind":"drop","until":"2020-01-01T00:00:00Z"}""", "until")]
    [InlineData("""{"kind":"drop","path":"/_sandbox/faults"}""", "path")]
    public async Task Invalid_rules_are_rejected_naming_the_field(string body, string field)
    {
        using var response = await _host.PostAsync("/_sandbox/faults", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await SandboxTestHost.BodyAsync(response))["errors"]![0]!["field"]!.GetValue<string>());
    }

    private async Task<string> AddFaultAsync(string body)
    {
        using var response = await _host.PostAsync("/_sandbox/faults", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await SandboxTestHost.BodyAsync(response))["id"]!.GetValue<string>();
    }
}
