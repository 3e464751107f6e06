using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Tests.Currents;

public sealed class CurrentsEngagementTests
{
    private const string Campaign = """
        {"segment":"all","campaign_name":"Newsletter","campaign_id":"news-42","channel":"email",
         "open_share":0.3,"click_share":0.1,"unsubscribe_share":0.15}
        """;

    [Fact]
    public async Task The_same_campaign_id_picks_the_same_openers_clickers_and_unsubscribers_in_the_documented_order()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        var ids = Enumerable.Range(1, 20).Select(i => $"e{i:00}").ToList();
        var users = string.Join(",", ids.Select(id => $$"""{"external_id":"{{id}}","plan":"free"}"""));
        await scenario.Sandbox.TrackAsync($$"""{"attributes":[{{users}}]}""");
        await scenario.DefineSegmentAsync("all", """{"filter":{"attribute":"plan","operator":"equals","value":"free"}}""");
        await scenario.PutConnectorAsync();

        var (firstStatus, first) = await scenario.SendCampaignAsync(Campaign);
        var (secondStatus, second) = await scenario.SendCampaignAsync(Campaign);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (firstStatus, secondStatus));
        Assert.Equal("""{"send":20,"open":6,"click":2,"unsubscribe":3}""", first!["events"]!.ToJsonString());
        await scenario.WaitUntilIdleAsync(delivered: 62);

        var batches = scenario.AcceptedBatches();
        var firstSend = Engaged(batches, (string)first["send_id"]!);
        var secondSend = Engaged(batches, (string)second!["send_id"]!);
        Assert.Equal(firstSend, secondSend);

        var openOrder = DocumentedOrder("open", "news-42", ids);
        Assert.Equal(openOrder.Take(6).Order(), firstSend["Email Opened"]);
        Assert.Equal(openOrder.Take(2).Order(), firstSend["Email Clicked"]);
        Assert.Subset(firstSend["Email Opened"].ToHashSet(), firstSend["Email Clicked"].ToHashSet());
        Assert.Equal(DocumentedOrder("unsubscribe", "news-42", ids).Take(3).Order(), firstSend["Email Unsubscribed"]);
    }

    /// <summary>docs/sandbox.md: order by SHA-256 of "{kind}:{campaign_id}\n{external_id}", then take round(share × n).</summary>
    private static List<string> DocumentedOrder(string kind, string campaignId, IEnumerable<string> ids) =>
        [.. ids.OrderBy(id => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{campaignId}\n{id}"))), StringComparer.Ordinal)];

    private static Dictionary<string, List<string>> Engaged(IReadOnlyList<JsonObject> batches, string sendId) =>
        batches
            .Where(b => (string?)b["events"]![0]!["data"]!["custom_attributes"]!["send_id"] == sendId)
            .GroupBy(CurrentsScenario.EventName)
            .ToDictionary(g => g.Key, g => g.Select(CurrentsScenario.CustomerId).Order(StringComparer.Ordinal).ToList());
}
