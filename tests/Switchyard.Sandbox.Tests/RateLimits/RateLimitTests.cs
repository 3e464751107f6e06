using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.RateLimits;

public sealed class RateLimitTests : IAsyncLifetime
{
    /// <summary>A multiple of 3 s since the epoch, so the first track window is [12:00:00, 12:00:03).</summary>
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private SandboxTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SandboxTestHost.StartAsync(_time, new SandboxControlOptions
        {
            RateLimits = new SandboxRateLimitOptions { Track = new(3, 3), UserWrites = new(2, 60) },
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_Braze_response_carries_lower_case_rate_limit_headers()
    {
        using var response = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var names = response.Headers.Select(h => h.Key).ToList();
        Assert.Contains("x-ratelimit-limit", names);
        Assert.Contains("x-ratelimit-remaining", names);
        Assert.Contains("x-ratelimit-reset", names);
        Assert.Equal("3", Header(response, "x-ratelimit-limit"));
        Assert.Equal("2", Header(response, "x-ratelimit-remaining"));
        Assert.Equal(Start.AddSeconds(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "x-ratelimit-reset"));
    }

    [Fact]
    public async Task The_request_after_the_limit_gets_429_until_the_window_ends()
    {
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _host.TrackAsync();
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(1.5));
        using (var limited = await _host.TrackAsync())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("0", Header(limited, "x-ratelimit-remaining"));
            Assert.Equal(Start.AddSeconds(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Header(limited, "x-ratelimit-reset"));
            Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
            Assert.Equal("API rate limit exceeded", (await SandboxTestHost.BodyAsync(limited))["message"]!.GetValue<string>());
        }

        _time.Advance(TimeSpan.FromSeconds(1.5));
        using var recovered = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal("2", Header(recovered, "x-ratelimit-remaining"));
    }

    [Fact]
    public async Task Each_REST_key_has_its_own_budget()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _host.TrackAsync()).Dispose();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/users/track") { Content = SandboxTestHost.Json("{}") };
        request.Headers.Authorization = new("Bearer", "another-key-9999");
        using var other = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Delete_alias_identify_and_merge_share_one_budget_separate_from_track()
    {
        (await _host.PostAsync("/users/delete", "{}")).Dispose();
        (await _host.PostAsync("/users/merge", "{}")).Dispose();
        using var third = await _host.PostAsync("/users/identify", "{}");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        using var track = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.Created, track.StatusCode);
    }

    [Theory]
    [InlineData("/users/export/ids", "250")]
    [InlineData("/users/track/sync", "250000")]
    [InlineData("/users/alias/new", "2")]
    [InlineData("/users/alias/update", "2")]
    [InlineData("/users/external_ids/rename", "1000")]
    [InlineData("/users/external_ids/remove", "1000")]
    public async Task Each_route_reports_its_class_limit(string path, string limit)
    {
        using var response = await _host.PostAsync(path, "{}");
        Assert.Equal(limit, Header(response, "x-ratelimit-limit"));
    }

    [Fact]
    public async Task Control_routes_are_never_limited_and_carry_no_rate_limit_headers()
    {
        await _host.PutAsync("/_sandbox/ratelimits", """{"other":{"limit":1}}""");
        for (var i = 0; i < 5; i++)
        {
            using var response = await _host.Client.GetAsync("/_sandbox/ratelimits");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("x-ratelimit-limit"));
        }
    }

    [Fact]
    public async Task Limits_can_be_changed_at_run_time()
    {
        using var put = await _host.PutAsync("/_sandbox/ratelimits", """{"track":{"limit":1}}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var current = await _host.GetJsonAsync("/_sandbox/ratelimits");
        Assert.Equal(1, current["track"]!["limit"]!.GetValue<int>());
        Assert.Equal(3, current["track"]!["window_seconds"]!.GetValue<int>());
        Assert.Equal(250, current["export_ids"]!["limit"]!.GetValue<int>());

        (await _host.TrackAsync()).Dispose();
        using var limited = await _host.TrackAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Disabling_limits_keeps_the_headers_but_never_refuses()
    {
        (await _host.PutAsync("/_sandbox/ratelimits", """{"enabled":false}""")).Dispose();
        for (var i = 0; i < 5; i++)
        {
            using var response = await _host.TrackAsync();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.True(response.Headers.Contains("x-ratelimit-remaining"));
        }
    }

    [Theory]
    [InlineData("""{"track":{"limit":0}}""", "track.limit")]
    [InlineData("""{"track":{"window_seconds":"3"}}""", "track.window_seconds")]
    [InlineData("""{"burst":{}}""", "burst")]
    [InlineData("""{"enabled":"yes"}""", "enabled")]
    public async Task Invalid_limits_are_rejected_naming_the_field(string body, string field)
    {
        using var response = await _host.PutAsync("/_sandbox/ratelimits", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxTestHost.BodyAsync(response);
        Assert.Equal(field, json["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public void Invalid_start_up_options_fail_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => SandboxControlSettings.From(new SandboxControlOptions
        {
            RateLimits = new SandboxRateLimitOptions { ExportIds = new(250, 0) },
        }));
        Assert.Contains("RateLimits.export_ids.window_seconds", error.Message, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));
}
