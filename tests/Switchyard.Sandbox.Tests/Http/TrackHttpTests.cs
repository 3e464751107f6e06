using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class TrackHttpTests
{
    [Fact]
    public async Task Tracked_attributes_events_and_purchases_come_back_from_export()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1","first_name":"Ada","email":"ada@example.com","plan":"gold","tags":["a","b"],
                            "push_tokens":[{"app_id":"app","token":"tok"}]}],
             "events":[{"external_id":"u1","name":"login","time":"2026-01-01T10:00:00Z","properties":{"via":"web"}}],
             "purchases":[{"external_id":"u1","product_id":"sku","currency":"EUR","price":5,"quantity":2,"time":"2026-01-02"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("""{"message":"success","attributes_processed":1,"events_processed":1,"purchases_processed":1}""", body!.ToJsonString());
        var user = await sandbox.ExportAsync("u1");
        Assert.Equal("Ada", (string?)user["first_name"]);
        Assert.Equal("ada@example.com", (string?)user["email"]);
        Assert.Null(user["last_name"]);
        Assert.Equal("""{"plan":"gold","tags":["a","b"]}""", user["custom_attributes"]!.ToJsonString());
        Assert.Equal("""[{"name":"login","first":"2026-01-01T10:00:00.000Z","last":"2026-01-01T10:00:00.000Z","count":1}]""", user["custom_events"]!.ToJsonString());
        Assert.Equal(2, (int)user["purchases"]![0]!["count"]!);
        Assert.Equal("tok", (string?)user["push_tokens"]![0]!["token"]);
        Assert.False(string.IsNullOrEmpty((string?)user["braze_id"]));
    }

    [Fact]
    public async Task A_partial_failure_answers_201_with_the_index_of_each_bad_object()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1","first_name":"A"},{"first_name":"nobody"},{"external_id":"u2","email":"bad"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, (int)body!["attributes_processed"]!);
        var errors = body["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.Equal("'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required", (string?)errors[0]!["type"]);
        Assert.Equal("attributes", (string?)errors[0]!["input_array"]);
        Assert.Equal(1, (int)errors[0]!["index"]!);
        Assert.Equal(2, (int)errors[1]!["index"]!);
        Assert.Equal("A", (string?)(await sandbox.ExportAsync("u1"))["first_name"]);
    }

    [Fact]
    public async Task A_request_whose_objects_are_all_invalid_answers_400()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync("""{"events":[{"external_id":"u1","name":"e"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.", (string?)body!["message"]);
        Assert.Equal("events", (string?)body["errors"]![0]!["input_array"]);
    }

    [Fact]
    public async Task An_empty_request_answers_400()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, _) = await sandbox.TrackAsync("""{"attributes":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_body_over_4_MB_answers_413()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var big = new string('x', (4 * 1024 * 1024) + 10);

        var (status, body) = await sandbox.TrackAsync($$"""{"attributes":[{"external_id":"u1","x":"{{big}}"}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.NotNull(body!["message"]);
    }

    [Fact]
    public async Task A_chunked_body_over_4_MB_answers_413_too()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', (4 * 1024 * 1024) + 1)))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHttp.FullKey);

        var (status, _) = await sandbox.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Theory]
    [InlineData("{\"attributes\":[")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"attributes\":{\"external_id\":\"u1\"}}")]
    public async Task Malformed_bodies_answer_400_with_a_json_message(string json)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty((string?)body!["message"]));
    }

    [Fact]
    public async Task More_than_75_objects_combined_answers_400_by_default()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var attributes = string.Join(',', Enumerable.Range(0, 40).Select(i => $$"""{"external_id":"u{{i}}","a":1}"""));
        var events = string.Join(',', Enumerable.Range(0, 36).Select(i => $$"""{"external_id":"u{{i}}","name":"e","time":"2026-01-01"}"""));

        var (status, body) = await sandbox.TrackAsync($$"""{"attributes":[{{attributes}}],"events":[{{events}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Max Input Length Exceeded", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_rule_allows_75_objects_in_each_array()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.BatchRule = Switchyard.Sandbox.Hosting.SandboxBatchRule.PerArray75);
        var attributes = string.Join(',', Enumerable.Range(0, 75).Select(i => $$"""{"external_id":"u{{i}}","a":1}"""));
        var events = string.Join(',', Enumerable.Range(0, 75).Select(i => $$"""{"external_id":"u{{i}}","name":"e","time":"2026-01-01"}"""));

        var (status, _) = await sandbox.TrackAsync($$"""{"attributes":[{{attributes}}],"events":[{{events}}]}""");

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Unknown_headers_and_top_level_keys_are_ignored()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StringContent("""{"partner":"RudderStack","attributes":[{"external_id":"u1","a":1}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHttp.FullKey);
        request.Headers.Add("X-Braze-Bulk", "true");
        request.Headers.Add("X-Braze-Batch", "true");

        var (status, _) = await sandbox.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task A_future_event_time_is_clamped_to_the_sandbox_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero));
        await using var sandbox = await SandboxHttp.StartAsync(time: clock);

        await sandbox.TrackAsync("""{"events":[{"external_id":"u1","name":"e","time":"2030-01-01T00:00:00Z"}]}""");

        var user = await sandbox.ExportAsync("u1");
        Assert.Equal("2026-02-03T04:05:06.000Z", (string?)user["custom_events"]![0]!["last"]);
        Assert.Equal("2026-02-03T04:05:06.000Z", (string?)user["created_at"]);
    }

    [Fact]
    public async Task Without_a_clock_in_the_options_the_sandbox_uses_the_time_provider_from_di()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxHttp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");

        Assert.Equal("2025-07-01T00:00:00.000Z", (string?)(await sandbox.ExportAsync("u1"))["created_at"]);
    }

    [Fact]
    public async Task Error_texts_are_sent_without_html_escaping()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StringContent("""{"attributes":[{"first_name":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHttp.FullKey);

        using var response = await sandbox.Client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("\"type\":\"'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required\"", raw, StringComparison.Ordinal);
    }
}
