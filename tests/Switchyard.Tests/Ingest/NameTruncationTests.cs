using System.Net;
using System.Text.RegularExpressions;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>Event names over 256 characters are accepted, truncated as mParticle does for S2S data, and counted.</summary>
[Collection(MetricsCollection.Name)]
public sealed class NameTruncationTests
{
    [Fact]
    public async Task A_long_event_name_is_accepted_stored_as_sent_and_counted_as_truncated()
    {
        await using var service = await TestService.StartAsync(TestService.Feed("truncating"));
        var name = new string('n', 300);

        using var response = await service.PostAsync("/v2/events", Batches.CustomEvent(name), feedId: "truncating");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = Assert.Single(await service.Host.Inbox.ReadAsync(0, 10, default));
        Assert.Contains(name, System.Text.Encoding.UTF8.GetString(stored.Payload), StringComparison.Ordinal);
        var counted = new Regex(@"switchyard_ingest_names_truncated_total\{[^}]*feed=""truncating""[^}]*\} 1");
        await Eventually.HoldsAsync(
            async () => counted.IsMatch(await service.Client.GetStringAsync("/metrics")),
            TimeSpan.FromSeconds(10),
            "the truncated name counted at /metrics");
    }
}
