using System.Net;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task Ingest_counters_are_exported_in_prometheus_format()
    {
        await using var service = await TestService.StartAsync();
        using var accepted = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "m-1"));
        using var duplicate = await service.PostAsync("/v2/events", Batches.CustomEvent(sourceRequestId: "m-1"));
        using var refused = await service.PostAsync("/v2/events", "{not json");

        // Counters reach the exporter on its next collection: read until all three show.
        var stored = new System.Text.RegularExpressions.Regex(@"switchyard_ingest_batches_stored_total\{[^}]*feed=""app""[^}]*\} 1");
        var duplicates = new System.Text.RegularExpressions.Regex(@"switchyard_ingest_batches_duplicate_total\{[^}]*feed=""app""[^}]*\} 1");
        var refusals = new System.Text.RegularExpressions.Regex(@"switchyard_ingest_requests_refused_total\{[^}]*status=""400""[^}]*\} 1");
        string text = "";
        for (var attempt = 0; attempt < 100 && !(stored.IsMatch(text) && duplicates.IsMatch(text) && refusals.IsMatch(text)); attempt++)
        {
            await Task.Delay(100);
            using var response = await service.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.Matches(stored, text);
        Assert.Matches(duplicates, text);
        Assert.Matches(refusals, text);
    }
}
