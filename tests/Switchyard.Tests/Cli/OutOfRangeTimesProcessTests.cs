using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// The finding on the quickstart (<c>serve</c> with no workspace file): batches whose times are far out of range, mixed
/// with ordinary ones, must not hold up the output. Every batch reaches the Braze sandbox and the outbox drains.
/// </summary>
public sealed partial class OutOfRangeTimesProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-range-" + Guid.NewGuid().ToString("N"));

    public OutOfRangeTimesProcessTests() => Directory.CreateDirectory(_directory);

    public static IEnumerable<(string CustomerId, string Body)> OutOfRange()
    {
        const long PastMs = -1_000_000_000_000_000;
        const long FutureMs = 1_000_000_000_000_000;
        yield return ("past-batch", Batch("past-batch", PastMs, "[]"));
        yield return ("max-batch", Batch("max-batch", long.MaxValue, "[]"));
        yield return ("past-event", Batch("past-event", null, $"[{Custom("Ancient", PastMs)}]"));
        yield return ("future-event", Batch("future-event", null, $"[{Custom("Someday", FutureMs)},{Custom("Never", long.MaxValue)}]"));
        yield return ("sessions", Batch("sessions", null, $$$"""
            [{"event_type":"session_start","data":{"session_id":7,"timestamp_unixtime_ms":{{{Ms(long.MinValue)}}}}},
             {"event_type":"screen_view","data":{"screen_name":"Home","session_id":7,"timestamp_unixtime_ms":{{{Ms(PastMs)}}}}},
             {"event_type":"session_end","data":{"session_id":7,"session_duration_ms":{{{Ms(long.MaxValue)}}},"timestamp_unixtime_ms":{{{Ms(FutureMs)}}}}}]
            """));
    }

    [Fact]
    public async Task Batches_with_times_out_of_range_do_not_hold_up_the_ordinary_ones_and_the_outbox_drains()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var token = (await process.WaitForLineAsync(SwitchyardProcess.AdminTokenLine(), StartTimeout)).Groups[1].Value;
        var feedKey = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var feedSecret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        var sandboxLine = await process.WaitForLineAsync(SwitchyardProcess.QuickstartSandboxLine(), StartTimeout);
        using var service = new HttpClient { BaseAddress = new Uri(address) };
        using var sandbox = new HttpClient { BaseAddress = new Uri(sandboxLine.Groups[1].Value) };
        var restKey = sandboxLine.Groups[2].Value;

        // Each out-of-range batch is followed by an ordinary one, so a stalled output would hold those back.
        var ordinary = new List<string>();
        var unusual = new List<string>();
        var i = 0;
        foreach (var (customerId, body) in OutOfRange())
        {
            await PostAsync(service, feedKey, feedSecret, body);
            unusual.Add(customerId);
            var next = "ok-" + (i++).ToString(CultureInfo.InvariantCulture);
            await PostAsync(service, feedKey, feedSecret, Batch(next, null, $"[{Custom("Ordinary", TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds())}]"));
            ordinary.Add(next);
        }

        await Eventually.HoldsAsync(
            async () => (await WithEventAsync(sandbox, ordinary, "Ordinary")).Count == ordinary.Count,
            DeliveryTimeout,
            "every ordinary batch reaches the sandbox with its event");
        await Eventually.HoldsAsync(
            async () => QueuedZero().IsMatch(await service.GetStringAsync("/metrics")),
            DeliveryTimeout,
            "switchyard_outbox_items_queued{output=\"sandbox\"} reads 0");

        // The unusual batches were delivered too, their times clamped, and nothing was dead-lettered or passed over.
        var exported = await ExportAsync(sandbox, restKey, unusual);
        Assert.Equal(unusual.Order(StringComparer.Ordinal), exported.Select(u => (string)u["external_id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(["Ancient"], EventNames(exported, "past-event"));
        Assert.Equal(["Never", "Someday"], EventNames(exported, "future-event"));
        var dead = await AdminAsync(service, token, "/admin/dead-letters");
        Assert.Empty(dead["dead_letters"]!.AsArray());
        var processing = await AdminAsync(service, token, "/admin/processing");
        Assert.Equal(0, (long)processing["failed_batches"]!);
        Assert.Equal(unusual.Count + ordinary.Count, (long)processing["processed_batches"]!);
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

    private static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    private static string Custom(string name, long at) =>
        $$$"""{"event_type":"custom_event","data":{"event_name":"{{{name}}}","custom_event_type":"other","timestamp_unixtime_ms":{{{Ms(at)}}}}}""";

    private static string Batch(string customerId, long? batchMs, string events) =>
        $$"""{"environment":"development",{{(batchMs is { } ms ? $"\"timestamp_unixtime_ms\":{Ms(ms)}," : "")}}"user_identities":{"customer_id":"{{customerId}}"},"user_attributes":{"seen":"yes"},"events":{{events}}}""";

    private static async Task PostAsync(HttpClient service, string key, string secret, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic(key, secret);
        using var response = await service.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<List<JsonObject>> ExportAsync(HttpClient sandbox, string restKey, IEnumerable<string> externalIds)
    {
        var ids = new JsonArray([.. externalIds.Select(id => JsonValue.Create(id))]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users/export/ids")
        {
            Content = new StringContent(new JsonObject { ["external_ids"] = ids, ["fields_to_export"] = new JsonArray("external_id", "custom_events") }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", restKey);
        using var response = await sandbox.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"export: {(int)response.StatusCode}");
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray().OfType<JsonObject>()];
    }

    /// <summary>Through the sandbox's control API, which has no rate limit, so it can be asked as often as needed.</summary>
    private static async Task<List<string>> WithEventAsync(HttpClient sandbox, IReadOnlyCollection<string> externalIds, string eventName)
    {
        var page = JsonNode.Parse(await sandbox.GetStringAsync("/_sandbox/users?page=1&page_size=100"))!;
        return [.. page["users"]!.AsArray().OfType<JsonObject>()
            .Where(u => externalIds.Contains((string?)u["external_id"]) && u["custom_events"]?.AsArray().Any(e => (string?)e!["name"] == eventName) == true)
            .Select(u => (string)u["external_id"]!)];
    }

    private static string[] EventNames(List<JsonObject> users, string externalId) =>
        [.. users.Single(u => (string?)u["external_id"] == externalId)["custom_events"]!.AsArray().Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal)];

    private static async Task<JsonNode> AdminAsync(HttpClient service, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [GeneratedRegex(@"switchyard_outbox_items_queued\{[^}]*output=""sandbox""[^}]*\} 0\b")]
    private static partial Regex QueuedZero();
}
