using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.RequestLog;

public sealed class RequestLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private SandboxTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SandboxTestHost.StartAsync(_time, new SandboxControlOptions { RequestLogCapacity = 4, RequestLogBodyExcerptBytes = 32 });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_is_logged_with_method_path_status_body_and_a_redacted_key()
    {
        const string body = """{"attributes":[{"external_id":"u1","first_name":"Ada Lovelace"}]}""";
        (await _host.TrackAsync(body)).Dispose();

        using var response = await _host.Client.GetAsync("/_sandbox/requests");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SandboxTestHost.Key, raw, StringComparison.Ordinal);

        var entry = JsonNode.Parse(raw)!["requests"]!.AsArray().Single()!;
        Assert.Equal("POST", entry["method"]!.GetValue<string>());
        Assert.Equal("/users/track", entry["path"]!.GetValue<string>());
        Assert.Equal(201, entry["status"]!.GetValue<int>());
        Assert.Equal("****" + SandboxTestHost.Key[^4..], entry["api_key"]!.GetValue<string>());
        Assert.Equal(body.Length, entry["body_bytes"]!.GetValue<long>());
        Assert.Equal(body[..32], entry["body_excerpt"]!.GetValue<string>());
        Assert.True(entry["body_truncated"]!.GetValue<bool>());
        Assert.Null(entry["fault"]);
        Assert.False(entry["aborted"]!.GetValue<bool>());
        Assert.Equal("2026-06-15T12:00:00+00:00", entry["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_faults_401s_and_drops_are_logged()
    {
        (await _host.PostAsync("/_sandbox/faults", """{"kind":"status","status":503}""")).Dispose();
        (await _host.TrackAsync()).Dispose();
        (await _host.PostAsync("/_sandbox/faults", """{"kind":"drop"}""")).Dispose();
        await Assert.ThrowsAsync<HttpRequestException>(() => _host.TrackAsync());
        using var anonymous = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        (await anonymous.PostAsync("/users/track", SandboxTestHost.Json("{}"))).Dispose();

        // The server may finish logging the dropped request after the client has already seen the connection fail,
        // so wait for all three entries and find each by what it was rather than by position.
        var entries = (await _host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray();
        for (var attempt = 0; entries.Count < 3 && attempt < 100; attempt++)
        {
            await Task.Delay(20);
            entries = (await _host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray();
        }

        Assert.Equal(3, entries.Count);
        var faulted = Assert.Single(entries, e => e!["fault"]?.GetValue<string>() == "status:503")!;
        Assert.Equal(503, faulted["status"]!.GetValue<int>());
        var dropped = Assert.Single(entries, e => e!["fault"]?.GetValue<string>() == "drop")!;
        Assert.Null(dropped["status"]);
        Assert.True(dropped["aborted"]!.GetValue<bool>());
        var unauthorized = Assert.Single(entries, e => e!["fault"] is null)!;
        Assert.Equal(401, unauthorized["status"]!.GetValue<int>());
        Assert.Equal("", unauthorized["api_key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_latency_fault_is_flagged_and_its_delay_shows_in_the_duration()
    {
        (await _host.PostAsync("/_sandbox/faults", """{"kind":"latency","latency_ms":2000}""")).Dispose();
        var pending = _host.TrackAsync();
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            await Task.Delay(10);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        (await pending).Dispose();
        var entry = (await _host.GetJsonAsync("/_sandbox/requests"))["requests"]![0]!;
        Assert.Equal("latency:2000ms", entry["fault"]!.GetValue<string>());
        Assert.Equal(201, entry["status"]!.GetValue<int>());
        Assert.True(entry["duration_ms"]!.GetValue<double>() >= 2000);
    }

    [Fact]
    public async Task The_log_keeps_only_the_newest_entries_up_to_its_capacity_newest_last()
    {
        for (var i = 0; i < 6; i++)
        {
            (await _host.PostAsync($"/users/alias/new", $$"""{"n":{{i}}}""")).Dispose();
        }

        var entries = (await _host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray();
        Assert.Equal([3L, 4L, 5L, 6L], entries.Select(e => e!["sequence"]!.GetValue<long>()));
        Assert.Equal("""{"n":5}""", entries[^1]!["body_excerpt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Path_and_limit_select_the_newest_matching_entries()
    {
        (await _host.TrackAsync()).Dispose();
        (await _host.PostAsync("/users/delete", "{}")).Dispose();
        (await _host.TrackAsync()).Dispose();
        (await _host.PostAsync("/users/delete", "{}")).Dispose();

        var json = await _host.GetJsonAsync("/_sandbox/requests?path=/users/track&limit=1");
        Assert.Equal(1, json["count"]!.GetValue<int>());
        Assert.Equal(3, json["requests"]![0]!["sequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Control_routes_are_not_logged_and_delete_clears_the_log()
    {
        (await _host.TrackAsync()).Dispose();
        (await _host.Client.GetAsync("/_sandbox/faults")).Dispose();
        Assert.Single((await _host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray());

        using var deleted = await _host.Client.DeleteAsync("/_sandbox/requests");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await _host.GetJsonAsync("/_sandbox/requests"))["requests"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_limit_is_a_400()
    {
        using var response = await _host.Client.GetAsync("/_sandbox/requests?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
