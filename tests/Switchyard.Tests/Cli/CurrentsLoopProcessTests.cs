using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// The whole loop on the quickstart (<c>serve</c> with no workspace file), as a newcomer runs it: events in → profile →
/// audience → Braze attribute (SegmentMembership) → sandbox segment → simulated campaign send → Currents back into
/// the Braze feed → an audience on engagement.
/// </summary>
public sealed class CurrentsLoopProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-loop-" + Guid.NewGuid().ToString("N"));

    public CurrentsLoopProcessTests() => Directory.CreateDirectory(_directory);

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_push_sent_to_a_synced_audience_comes_back_through_currents_and_puts_the_openers_in_an_engagement_audience(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        using var process = SwitchyardProcess.Start(_directory, storage.Serve("--data", Path.Combine(_directory, "data"), "--port", "0"));
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var token = (await process.WaitForLineAsync(SwitchyardProcess.AdminTokenLine(), StartTimeout)).Groups[1].Value;
        var feedKey = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var feedSecret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        var sandboxLine = await process.WaitForLineAsync(SwitchyardProcess.QuickstartSandboxLine(), StartTimeout);
        await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex("Press Ctrl\\+C"), StartTimeout);
        using var service = new HttpClient { BaseAddress = new Uri(address) };
        using var sandbox = new HttpClient { BaseAddress = new Uri(sandboxLine.Groups[1].Value) };
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Two audiences: who dreams of Ibiza (synced to Braze), and who opened a push in the last 7 days (from Currents).
        await SendAsync(service, HttpMethod.Put, "/admin/audiences/11036",
            """{"id":11036,"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""");
        await SendAsync(service, HttpMethod.Put, "/admin/audiences/2",
            """{"id":2,"name":"Push openers","criteria":{"event":{"type":"custom_event","name":"Push Notification Open"},"within_days":7}}""");
        await SendAsync(service, HttpMethod.Put, "/admin/audience-connections/sandbox-audiences/11036", "{}");

        foreach (var (customerId, dream) in new[] { ("c-1", "ibiza"), ("c-2", "paris") })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
            {
                Content = new StringContent(
                    $$$"""{"environment":"development","user_identities":{"customer_id":"{{{customerId}}}"},"user_attributes":{"dream":"{{{dream}}}"}}""",
                    Encoding.UTF8,
                    "application/json"),
            };
            post.Headers.Authorization = TestService.Basic(feedKey, feedSecret);
            using var accepted = await service.SendAsync(post);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        // In Braze (the sandbox), marketers segment on the synced attribute.
        await SendAsync(sandbox, HttpMethod.Put, "/_sandbox/segments/dreamers", """{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"11036"}}""");
        await WaitAsync(async () => ExternalIds(await SendAsync(sandbox, HttpMethod.Get, "/_sandbox/segments/dreamers/members")) is ["c-1"], "c-1 in the dreamers segment");

        // A campaign to that segment; every recipient opens it. Braze Currents posts the engagement to the Braze feed.
        var send = await SendAsync(sandbox, HttpMethod.Post, "/_sandbox/currents/campaigns",
            """{"segment":"dreamers","campaign_name":"Ibiza flash sale","channel":"push","open_share":1.0}""");
        Assert.Equal(1, (int)send["recipients"]!);

        var opener = (string)(await SendAsync(service, HttpMethod.Get, "/admin/profiles?identity=customer_id&value=c-1"))["mpid"]!;
        await WaitAsync(async () => (await SendAsync(service, HttpMethod.Get, "/admin/audiences/2/members"))["mpids"]!.AsArray().Select(m => (string?)m).SequenceEqual([opener]), "c-1 in Push openers");

        var profile = await SendAsync(service, HttpMethod.Get, $"/admin/profiles/{opener}");
        Assert.Contains(profile["audiences"]!.AsArray(), a => (int)a!["id"]! == 2);
        Assert.Contains(profile["events"]!.AsArray(), e => (string?)e!["key"] == "custom_event:Push Notification Open");
        var currents = await SendAsync(sandbox, HttpMethod.Get, "/_sandbox/currents");
        Assert.Equal((2, 0), ((int)currents["delivered"]!, (int)currents["dropped"]!));

        // The engagement came from Braze: it is not sent back to the same Braze workspace.
        await WaitAsync(async () => (long)(await SendAsync(service, HttpMethod.Get, "/admin/processing"))["echo_suppressed"]! == 2, "both Currents batches suppressed");
        var export = await SendAsync(sandbox, HttpMethod.Post, "/users/export/ids", """{"external_ids":["c-1"],"fields_to_export":["external_id","custom_events"]}""", sandboxLine.Groups[2].Value);
        Assert.DoesNotContain(export["users"]![0]!["custom_events"]?.AsArray() ?? [], e => ((string?)e!["name"])?.StartsWith("Push Notification", StringComparison.Ordinal) == true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static List<string> ExternalIds(JsonNode members) =>
        [.. members["members"]!.AsArray().Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }
}
