using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary>
/// The standalone server with every part in place: users, segments, faults, rate limits, the request log and
/// reset working together, as a newcomer would use them.
/// </summary>
public sealed class ComposedSandboxTests
{
    [Fact]
    public async Task A_tracked_user_is_exported_and_selected_by_a_segment_matching_its_membership_string()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var (status, _) = await sandbox.TrackAsync("""
            {"attributes":[
              {"external_id":"ibiza-1","SegmentMembership":"11036,11034","In Ibiza dreamers":true},
              {"external_id":"paris-1","SegmentMembership":"11034","In Ibiza dreamers":false}
            ]}
            """);
        Assert.Equal(HttpStatusCode.Created, status);

        var exported = await sandbox.ExportAsync("ibiza-1");
        Assert.Equal("11036,11034", (string?)exported["custom_attributes"]!["SegmentMembership"]);

        await PutAsync(sandbox, "/_sandbox/segments/ibiza", """{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"11036"}}""");
        await PutAsync(sandbox, "/_sandbox/segments/ibiza-flag", """{"filter":{"attribute":"In Ibiza dreamers","operator":"is_true"}}""");
        Assert.Equal(["ibiza-1"], await MemberIdsAsync(sandbox, "ibiza"));
        Assert.Equal(["ibiza-1"], await MemberIdsAsync(sandbox, "ibiza-flag"));
    }

    [Fact]
    public async Task An_injected_fault_answers_the_next_request_then_normal_service_resumes()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var fault = await sandbox.Client.PostAsync("_sandbox/faults", Json("""{"kind":"status","status":503,"count":1,"path":"/users/track"}"""));
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        var (first, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");
        var (second, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":2}]}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first);
        Assert.Equal(HttpStatusCode.Created, second);
        Assert.Equal(2L, (long)(await sandbox.ExportAsync("u1"))["custom_attributes"]!["a"]!);
    }

    [Fact]
    public async Task Braze_routes_carry_rate_limit_headers_and_are_refused_over_the_limit()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.Control.RateLimits = o.Control.RateLimits with { Track = new(2, 3600) });

        using var ok = await SendTrackAsync(sandbox);
        using var ok2 = await SendTrackAsync(sandbox);
        using var limited = await SendTrackAsync(sandbox);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal("2", ok.Headers.GetValues("x-ratelimit-limit").Single());
        Assert.Equal("1", ok.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.True(ok.Headers.Contains("x-ratelimit-reset"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Reset_clears_users_segments_faults_and_the_request_log()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");
        await PutAsync(sandbox, "/_sandbox/segments/all", """{"filter":{"attribute":"a","operator":"is_not_blank","type":"number"}}""");
        using var fault = await sandbox.Client.PostAsync("_sandbox/faults", Json("""{"kind":"status","status":500,"count":5}"""));
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/requests"))["count"]!);

        using var reset = await sandbox.Client.PostAsync("_sandbox/reset", null);

        Assert.True(reset.IsSuccessStatusCode);
        Assert.Empty((await sandbox.GetAsync("/_sandbox/segments"))["segments"]!.AsArray());
        Assert.Empty((await sandbox.GetAsync("/_sandbox/faults"))["faults"]!.AsArray());
        Assert.Equal(0, (int)(await sandbox.GetAsync("/_sandbox/requests"))["count"]!);
        var (status, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"],"fields_to_export":["external_id"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["users"]!.AsArray());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SendTrackAsync(SandboxHttp sandbox)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "users/track") { Content = Json("""{"attributes":[{"external_id":"u1","a":1}]}""") };
        request.Headers.Authorization = new("Bearer", SandboxHttp.FullKey);
        return await sandbox.Client.SendAsync(request);
    }

    private static async Task PutAsync(SandboxHttp sandbox, string path, string json)
    {
        using var response = await sandbox.Client.PutAsync(path.TrimStart('/'), Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<IReadOnlyList<string?>> MemberIdsAsync(SandboxHttp sandbox, string segment)
    {
        var members = (await sandbox.GetAsync($"/_sandbox/segments/{segment}/members"))["members"]!.AsArray();
        return [.. members.Select(m => (string?)m!["external_id"])];
    }
}
