using System.Net;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

public sealed class MetricsTests
{
    [Fact]
    public async Task Ingest_counters_are_exported_in_prometheus_format()
    {
        await using var service = await TestService.StartAsync();
        using var accepted = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "m-1"));
        using var duplicate = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "m-1"));
        using var refused = await service.PostAsync("/v2/events", "{not json");

        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("switchyard_ingest_batches_duplicate", StringComparison.Ordinal); attempt++)
        {
            using var response = await service.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        Assert.Matches(@"switchyard_ingest_batches_stored_total\{[^}]*feed=""app""[^}]*\} 1", text);
        Assert.Matches(@"switchyard_ingest_batches_duplicate_total\{[^}]*feed=""app""[^}]*\} 1", text);
        Assert.Matches(@"switchyard_ingest_requests_refused_total\{[^}]*status=""400""[^}]*\} 1", text);
    }
}
