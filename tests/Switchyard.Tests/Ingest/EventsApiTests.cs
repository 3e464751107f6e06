using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

public sealed class EventsApiTests
{
    [Fact]
    public async Task A_valid_batch_is_answered_202_and_is_in_the_inbox()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/events", Batches.CustomEvent("Played"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(response.Headers.Contains("X-mp-rate-limit-percentage-used"));
        var stored = await service.Host.Inbox.ReadAsync(0, 10, default);
        var batch = Assert.Single(stored);
        Assert.Equal("app", batch.FeedId);
        using var json = JsonDocument.Parse(batch.Payload);
        Assert.Equal("Played", json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("event_name").GetString());
    }

    [Fact]
    public async Task A_bulk_request_stores_each_batch_separately_in_order()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(3));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = await service.Host.Inbox.ReadAsync(0, 10, default);
        Assert.Equal(["e0", "e1", "e2"], stored.Select(b => EventName(b.Payload)));
    }

    [Fact]
    public async Task A_repeated_source_request_id_is_accepted_but_stored_once()
    {
        await using var service = await TestService.StartAsync();

        using var first = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "req-1"));
        using var second = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "req-1"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(1, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_request_without_credentials_is_401_with_a_json_error()
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = Json(Batches.CustomEvent()) };

        using var response = await service.Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic bm9jb2xvbg==")]
    public async Task Unreadable_credentials_are_401(string header)
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = Json(Batches.CustomEvent()) };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await service.Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_wrong_secret_is_403_and_nothing_is_stored()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/events", Batches.CustomEvent(), secret: "wrong-secret-0000000");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task An_unknown_key_is_403()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/events", Batches.CustomEvent(), feedId: "nobody");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    public async Task Malformed_or_misshapen_json_on_events_is_400(string body)
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ErrorCodesAsync(response));
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task More_than_100_batches_is_400_and_nothing_is_stored()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(101, _ => "{\"environment\":\"development\",\"events\":[]}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_request_over_256_KB_is_413()
    {
        await using var service = await TestService.StartAsync();
        var filler = new string('x', 3000);
        var body = Batches.Bulk(90, i => $"{{\"environment\":\"development\",\"user_attributes\":{{\"a\":\"{filler}\"}},\"events\":[]}}");
        Assert.True(Encoding.UTF8.GetByteCount(body) > 256 * 1024);

        using var response = await service.PostAsync("/v2/bulkevents", body);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_chunked_request_over_256_KB_is_413_too()
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = new StreamContent(new MemoryStream(new byte[300 * 1024])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);

        using var response = await service.Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    [InlineData("text/plain")]
    public async Task A_non_json_content_type_is_415(string contentType)
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);

        using var response = await service.Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("text/json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(Batches.CustomEvent(), Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_for_another_environment_than_the_feed_is_400()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app", environment: "production"));

        using var response = await service.PostAsync("/v2/events", Batches.CustomEvent(environment: "development"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ENVIRONMENT_MISMATCH");
    }

    [Fact]
    public async Task A_feed_over_its_rate_is_429_with_retry_after_and_recovers()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app", rateLimit: new FeedRateLimit(1, 10)));

        using var allowed = await service.PostAsync("/v2/bulkevents", Batches.Bulk(10));
        using var limited = await service.PostAsync("/v2/bulkevents", Batches.Bulk(5));

        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        Assert.InRange(int.Parse(allowed.Headers.GetValues("X-mp-rate-limit-percentage-used").Single(), System.Globalization.CultureInfo.InvariantCulture), 90, 100);
        await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("feed", limited.Headers.GetValues("X-mp-rate-limit-exceeded").Single());
        Assert.Equal(10, await service.Host.Inbox.CountAsync(default));

        // The bucket refills at 1 batch a second.
        HttpStatusCode status;
        var attempts = 0;
        do
        {
            await Task.Delay(150);
            using var retry = await service.PostAsync("/v2/events", Batches.CustomEvent());
            status = retry.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && ++attempts < 50);

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_answer_json_errors()
    {
        await using var service = await TestService.StartAsync();

        using var notFound = await service.Client.GetAsync("/v2/nothing");
        using var wrongMethod = await service.Client.GetAsync("/v2/events");

        await AssertErrorAsync(notFound, HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string? EventName(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("event_name").GetString();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, await ErrorCodesAsync(response));
    }

    private static async Task<IReadOnlyList<string>> ErrorCodesAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!)];
    }
}
