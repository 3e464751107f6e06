using System.Net;
using System.Text;

namespace Switchyard.Sandbox.Tests.Currents;

/// <summary>The connector's requests must fit the Events API's request limit, or mParticle (and Switchyard) refuse them.</summary>
public sealed class CurrentsRequestSizeTests
{
    /// <summary>mParticle's (and Switchyard's) limit on one Events API request (reference/mparticle.md §1.1).</summary>
    private const int MaxRequestBytes = 256 * 1024;

    [Fact]
    public async Task A_bulk_request_never_exceeds_256_KB_even_when_campaign_names_and_ids_are_as_long_as_allowed()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        for (var offset = 0; offset < 150; offset += 50)
        {
            var chunk = string.Join(",", Enumerable.Range(offset + 1, 50).Select(i => $$"""{"external_id":"m{{i:000}}","email":"m{{i:000}}@example.com","tier":"gold"}"""));
            var (tracked, _) = await scenario.Sandbox.TrackAsync($$"""{"attributes":[{{chunk}}]}""");
            Assert.Equal(HttpStatusCode.Created, tracked);
        }

        await scenario.DefineSegmentAsync("gold", """{"filter":{"attribute":"tier","operator":"equals","value":"gold"}}""");
        await scenario.PutConnectorAsync();
        // 255 UTF-16 units each, written as escaped surrogate pairs: the longest text a campaign may carry.
        var longest = string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 127)) + "x";

        var (status, _) = await scenario.SendCampaignAsync($$"""{"segment":"gold","campaign_name":"{{longest}}","campaign_id":"{{longest}}","channel":"email","open_share":1.0,"click_share":1.0}""");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var done = await scenario.WaitForStatusAsync(s => (int)s["queued"]! == 0);
        Assert.Equal(0, (long)done["dropped"]!);
        Assert.Equal(450, (long)done["delivered"]!);
        var largest = scenario.Receiver.Requests.Max(r => Encoding.UTF8.GetByteCount(r.Body));
        Assert.True(largest <= MaxRequestBytes, $"a request of {largest} bytes went out");
        Assert.Equal(450, scenario.AcceptedBatches().Select(CurrentsScenario.SourceMessageId).Distinct().Count());
    }
}
