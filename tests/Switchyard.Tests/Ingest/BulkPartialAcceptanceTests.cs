using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>
/// A bulk request whose batches partly fail stores the valid ones and answers 202 with a report of the refused ones,
/// as mParticle accepts such a request; a request with no valid batch, or any invalid batch on a strict input, is
/// refused whole and stores nothing.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class BulkPartialAcceptanceTests
{
    private static readonly FeedRateLimit Roomy = new(1_000, 1_000);

    private const string BadBatch = """{"environment":"development","events":[{"event_type":"custom_event","data":{"custom_event_type":"other"}}]}""";

    [Fact]
    public async Task One_bad_batch_among_100_stores_the_other_99_and_the_report_names_the_bad_one()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app", rateLimit: Roomy));

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(100, i => i == 37 ? BadBatch : Batches.CustomEvent($"e{i}")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(99, report.RootElement.GetProperty("accepted").GetInt32());
        var refused = Assert.Single(report.RootElement.GetProperty("refused").EnumerateArray());
        Assert.Equal(37, refused.GetProperty("index").GetInt32());
        var error = Assert.Single(refused.GetProperty("errors").EnumerateArray());
        Assert.Equal("MISSING_FIELD", error.GetProperty("code").GetString());
        Assert.StartsWith("batches[37].events[0].data.event_name", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var stored = await service.Host.Inbox.ReadAsync(0, 200, default);
        Assert.Equal(99, stored.Count);
        Assert.Equal(Enumerable.Range(0, 100).Where(i => i != 37).Select(i => $"e{i}"), stored.Select(b => EventName(b.Payload)));
    }

    [Fact]
    public async Task A_fully_valid_bulk_request_is_202_with_an_empty_body()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(3));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bulk_request_whose_every_batch_fails_is_400_and_stores_nothing()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(3, _ => BadBatch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["batches[0]", "batches[1]", "batches[2]"],
            body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()![..10]));
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_strict_input_refuses_the_whole_request_for_one_bad_batch()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app") with { Strict = true });

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(3, i => i == 1 ? BadBatch : Batches.CustomEvent($"e{i}")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("MISSING_FIELD", error.GetProperty("code").GetString());
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_batch_for_another_environment_is_refused_on_its_own()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("app", environment: "production"));

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(2, i => Batches.CustomEvent($"e{i}", environment: i == 0 ? "development" : "production")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var refused = Assert.Single(report.RootElement.GetProperty("refused").EnumerateArray());
        Assert.Equal(0, refused.GetProperty("index").GetInt32());
        Assert.Equal("ENVIRONMENT_MISMATCH", refused.GetProperty("errors")[0].GetProperty("code").GetString());
        var stored = Assert.Single(await service.Host.Inbox.ReadAsync(0, 10, default));
        Assert.Equal("e1", EventName(stored.Payload));
    }

    [Fact]
    public async Task Refused_batches_are_counted_in_metrics_by_feed_and_code_and_in_the_admin_api()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("partial-metrics"));

        using var response = await service.PostAsync("/v2/bulkevents", Batches.Bulk(3, i => i == 2 ? BadBatch : Batches.CustomEvent($"e{i}")), feedId: "partial-metrics");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var counted = new Regex(@"switchyard_ingest_batches_refused_total\{[^}]*code=""MISSING_FIELD""[^}]*feed=""partial-metrics""[^}]*\} 1");
        var metrics = "";
        await Eventually.HoldsAsync(
            async () => counted.IsMatch(metrics = await service.Client.GetStringAsync("/metrics")),
            TimeSpan.FromSeconds(10),
            "the refused batch counted at /metrics");
        var processing = await BrazeFeedDedupeTests.WaitForAsync(service, "/admin/processing", p => p["ingest_batches_refused"] is not null);
        Assert.Equal(1, (long)processing["ingest_batches_refused"]!);
    }

    private static string? EventName(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("event_name").GetString();
    }
}
