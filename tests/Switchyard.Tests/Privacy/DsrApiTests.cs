using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Privacy;

/// <summary>
/// The DSR API over raw HTTP, as mParticle documents v3 (https://docs.mparticle.com/developers/apis/dsr-api/v3/):
/// shapes of submit, status, group list, cancel and discovery; signatures; callbacks; refusals naming the field.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class DsrApiTests
{
    [Fact]
    public async Task Discovery_lists_the_identities_and_types_and_its_certificate_verifies_the_signature()
    {
        await using var fixture = await DsrFixture.StartAsync();
        using var response = await fixture.Client.GetAsync("/v3/discovery/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var discovery = JsonNode.Parse(body)!;
        Assert.Equal("3.0", (string?)discovery["api_version"]);
        Assert.Equal(["access", "erasure", "portability"], discovery["supported_subject_request_types"]!.AsArray().Select(t => (string)t!));
        var identities = discovery["supported_identities"]!.AsArray().Select(i => (string)i!["identity_type"]!).ToList();
        Assert.Contains("email", identities);
        Assert.Contains("controller_customer_id", identities);
        Assert.Contains("ios_advertising_id", identities);
        Assert.All(discovery["supported_identities"]!.AsArray(), i => Assert.Equal("raw", (string?)i!["identity_format"]));

        var certificateUrl = new Uri((string)discovery["processor_certificate"]!);
        var pem = await fixture.Client.GetStringAsync(certificateUrl.PathAndQuery);
        Assert.True(DsrFixture.Verifies(pem, body, response.Headers.GetValues("X-OpenDSR-Signature").Single()));
        Assert.False(DsrFixture.Verifies(pem, [.. body, (byte)' '], response.Headers.GetValues("X-OpenDSR-Signature").Single()));
    }

    [Fact]
    public async Task Submit_status_group_and_signed_callbacks_follow_the_documented_shapes()
    {
        await using var fixture = await DsrFixture.StartAsync();
        var pem = await fixture.Client.GetStringAsync("/v3/discovery/cert.pem");
        var id = Guid.NewGuid().ToString();
        var hook = fixture.Callbacks.Prefix + "dsr/hook";
        var request = DsrFixture.Request(id, "erasure", "shape@example.com", hook);

        using var submitted = await fixture.PostJsonAsync("/v3/requests/", request);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var submitBody = await submitted.Content.ReadAsByteArrayAsync();
        Assert.Equal("switchyard.local", submitted.Headers.GetValues("X-OpenDSR-Processor-Domain").Single());
        Assert.True(DsrFixture.Verifies(pem, submitBody, submitted.Headers.GetValues("X-OpenDSR-Signature").Single()));
        var answer = JsonNode.Parse(submitBody)!;
        Assert.Equal(id, (string?)answer["subject_request_id"]);
        Assert.Equal("app", (string?)answer["controller_id"]);
        Assert.Equal(request, Encoding.UTF8.GetString(Convert.FromBase64String((string)answer["encoded_request"]!)));
        Assert.True(DateTimeOffset.TryParse((string?)answer["received_time"], out _));
        Assert.True(DateTimeOffset.TryParse((string?)answer["expected_completion_time"], out _));

        await fixture.WaitForStatusAsync(id, "completed");
        var status = await fixture.StatusAsync(id);
        Assert.Equal("app", (string?)status["controller_id"]);
        Assert.Equal(id, (string?)status["subject_request_id"]);
        Assert.Equal("group-1", (string?)status["group_id"]);
        Assert.Equal("3.0", (string?)status["api_version"]);
        Assert.Null(status["results_url"]);
        Assert.True(status.AsObject().ContainsKey("extensions"));

        using var group = await fixture.Client.GetAsync("/v3/requests?group_id=group-1");
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        Assert.Equal(id, (string?)Assert.Single(JsonNode.Parse(await group.Content.ReadAsStringAsync())!.AsArray())!["subject_request_id"]);

        // Callbacks on every status change: pending (created), in_progress, completed; each signed over its raw body.
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Callbacks.Received.Count >= 3), TimeSpan.FromSeconds(30), "three callbacks");
        var callbacks = fixture.Callbacks.Received;
        Assert.Equal(["pending", "in_progress", "completed"], callbacks.Select(c => (string)JsonNode.Parse(c.Body)!["request_status"]!));
        Assert.All(callbacks, c =>
        {
            Assert.Equal("/dsr/hook", c.Path);
            Assert.Equal("switchyard.local", c.Domain);
            Assert.True(DsrFixture.Verifies(pem, c.Body, c.Signature!));
            Assert.Equal(id, (string?)JsonNode.Parse(c.Body)!["subject_request_id"]);
            Assert.Equal(hook, (string?)JsonNode.Parse(c.Body)!["status_callback_url"]);
        });
    }

    [Fact]
    public async Task A_pending_request_can_be_cancelled_once_and_then_reports_cancelled()
    {
        await using var fixture = await DsrFixture.StartAsync(waitingHours: 24);
        var id = Guid.NewGuid().ToString();
        var body = JsonNode.Parse(DsrFixture.Request(id, "erasure", "cancel@example.com", fixture.Callbacks.Prefix + "dsr/cancel"))!;
        body["extensions"] = null;
        using (var submitted = await fixture.PostJsonAsync("/v3/requests", body.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        Assert.Equal("pending", (string?)(await fixture.StatusAsync(id))["request_status"]);
        using var cancelled = await fixture.Client.DeleteAsync($"/v3/requests/{id}");
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        var answer = JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!;
        Assert.Null(answer["expected_completion_time"]);
        Assert.Equal(id, (string?)answer["subject_request_id"]);
        Assert.Equal("app", (string?)answer["controller_id"]);
        Assert.NotNull((string?)answer["received_time"]);
        Assert.Equal("cancelled", (string?)(await fixture.StatusAsync(id))["request_status"]);
        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Callbacks.Received.Any(c => (string?)JsonNode.Parse(c.Body)!["request_status"] == "cancelled")),
            TimeSpan.FromSeconds(30),
            "the cancelled callback");

        using var again = await fixture.Client.DeleteAsync($"/v3/requests/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("request_status", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await fixture.Client.DeleteAsync($"/v3/requests/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"forget","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}}}""", "subject_request_type")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{}}""", "subject_identities")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z"}""", "subject_identities")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID",""", "body")]
    [InlineData("""{"regulation":"hipaa","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}}}""", "regulation")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"not-a-uuid","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}}}""", "subject_request_id")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"yesterday","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}}}""", "submitted_time")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"shoe_size":{"value":"9","encoding":"raw"}}}""", "subject_identities.shoe_size")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"sha256"}}}""", "subject_identities.email.encoding")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}},"extensions":{"opendsr.mparticle.com":{"subject_identities":{"mpid":{"value":"42","encoding":"raw"}}}}}""", "extensions.opendsr.mparticle.com.subject_identities.mpid")]
    [InlineData("""{"regulation":"gdpr","subject_request_id":"ID","subject_request_type":"erasure","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}},"status_callback_urls":["http://169.254.169.254/latest/meta-data"]}""", "status_callback_urls[0]")]
    public async Task Bad_input_is_refused_with_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        await using var fixture = await DsrFixture.StartAsync();
        var id = Guid.NewGuid().ToString();
        using var response = await fixture.PostJsonAsync("/v3/requests", body.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.Equal(field, (string?)error["errors"]![0]!["domain"]);
        Assert.StartsWith(field + ":", (string?)error["message"], StringComparison.Ordinal);
        using var status = await fixture.Client.GetAsync($"/v3/requests/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task A_callback_url_outside_the_allowed_prefix_is_refused_even_on_an_allowed_host()
    {
        await using var fixture = await DsrFixture.StartAsync();
        var id = Guid.NewGuid().ToString();
        using var response = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "access", "x@example.com", fixture.Callbacks.Prefix + "elsewhere"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("status_callback_urls[0]", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["domain"]);
        Assert.Empty(fixture.Callbacks.Received);
    }

    [Fact]
    public async Task Requests_need_an_input_feeds_credentials_a_repeated_id_is_refused_and_a_wrong_content_type_is_415()
    {
        await using var fixture = await DsrFixture.StartAsync();
        var id = Guid.NewGuid().ToString();
        using var anonymous = new HttpClient { BaseAddress = fixture.Host!.BaseAddress };
        using (var refused = await anonymous.PostAsync("/v3/requests", new StringContent(DsrFixture.Request(id, "access", "a@example.com"), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        anonymous.DefaultRequestHeaders.Authorization = TestService.Basic("app-key", "wrong-secret-0000000000");
        using (var wrong = await anonymous.GetAsync($"/v3/requests/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var first = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "access", "a@example.com")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var repeated = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "erasure", "a@example.com")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
            Assert.Contains("already exists", await repeated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var text = new StringContent(DsrFixture.Request(Guid.NewGuid().ToString(), "access", "a@example.com"), Encoding.UTF8, "text/plain");
        using var unsupported = await fixture.Client.PostAsync("/v3/requests", text);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }
}
