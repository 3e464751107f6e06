using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Control;

public sealed class SegmentEndpointTests : IAsyncLifetime
{
    private const string GoldFilter = """{"filter":{"and":[{"attribute":"tier","operator":"equals","value":"gold"}]}}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private SandboxTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var users = new TestUserDirectory(
            User("b1", "ada", """{"tier":"gold","last_seen":"2026-06-14T12:00:00Z"}"""),
            User("b2", null, """{"tier":"gold"}"""),
            User("b3", "bob", """{"tier":"silver","last_seen":"2026-01-01T00:00:00Z"}"""));
        _host = await SandboxTestHost.StartAsync(_time, users: users);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_defined_segment_can_be_read_listed_and_deleted()
    {
        using var put = await _host.PutAsync("/_sandbox/segments/gold", GoldFilter);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var one = await _host.GetJsonAsync("/_sandbox/segments/gold");
        Assert.Equal("gold", one["name"]!.GetValue<string>());
        Assert.Equal("equals", one["filter"]!["and"]![0]!["operator"]!.GetValue<string>());
        Assert.Single((await _host.GetJsonAsync("/_sandbox/segments"))["segments"]!.AsArray());

        using var deleted = await _host.Client.DeleteAsync("/_sandbox/segments/gold");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var missing = await _host.Client.GetAsync("/_sandbox/segments/gold");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Members_lists_the_identifiers_of_matching_users()
    {
        (await _host.PutAsync("/_sandbox/segments/gold", GoldFilter)).Dispose();

        var json = await _host.GetJsonAsync("/_sandbox/segments/gold/members");
        Assert.Equal(2, json["count"]!.GetValue<int>());
        Assert.Equal(["b1", "b2"], json["members"]!.AsArray().Select(m => m!["braze_id"]!.GetValue<string>()));
        Assert.Equal("ada", json["members"]![0]!["external_id"]!.GetValue<string>());
        Assert.Null(json["members"]![1]!["external_id"]);
    }

    [Fact]
    public async Task Evaluate_runs_an_ad_hoc_filter_on_the_sandbox_clock()
    {
        const string body = """{"filter":{"attribute":"last_seen","operator":"less_than_days_ago","value":7}}""";
        using var response = await _host.PostAsync("/_sandbox/segments/evaluate", body);
        var json = await SandboxTestHost.BodyAsync(response);
        Assert.Equal("b1", json["members"]!.AsArray().Single()!["braze_id"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromDays(7));
        using var later = await _host.PostAsync("/_sandbox/segments/evaluate", body);
        Assert.Equal(0, (await SandboxTestHost.BodyAsync(later))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_definition_is_a_400_naming_the_field()
    {
        using var response = await _host.PutAsync(
            "/_sandbox/segments/bad", """{"filter":{"or":[{"attribute":"email","operator":"matches_regex","value":"[a-"}]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxTestHost.BodyAsync(response);
        Assert.Equal("filter.or[0].value", json["errors"]![0]!["field"]!.GetValue<string>());
        Assert.StartsWith("filter.or[0].value: invalid regular expression", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_ad_hoc_filter_is_a_400_naming_the_field()
    {
        using var response = await _host.PostAsync("/_sandbox/segments/evaluate", """{"filter":{"attribute":"n","operator":"more_than","value":"x"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("filter.value", (await SandboxTestHost.BodyAsync(response))["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_user_directory_evaluation_is_a_503_not_a_crash()
    {
        await using var bare = await SandboxTestHost.StartAsync(_time, registerUsers: false);
        using var response = await bare.PostAsync("/_sandbox/segments/evaluate", """{"filter":{"attribute":"a","operator":"is_blank"}}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400()
    {
        using var response = await _host.PutAsync("/_sandbox/segments/x", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", (await SandboxTestHost.BodyAsync(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_of_an_unknown_segment_is_a_404()
    {
        using var response = await _host.Client.GetAsync("/_sandbox/segments/nope/members");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Control_routes_need_no_REST_key()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        using var response = await anonymous.GetAsync("/_sandbox/segments");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static TestSubject User(string brazeId, string? externalId, string attributes) =>
        new(brazeId, externalId, JsonNode.Parse(attributes)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone()));
}
