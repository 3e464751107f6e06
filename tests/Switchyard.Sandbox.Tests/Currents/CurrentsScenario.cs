using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Currents;

/// <summary>
/// A standalone sandbox and a <see cref="CurrentsReceiver"/>, both on loopback, with the users and the segment most
/// Currents tests need: u1 (gold, with an email), u2 (gold, no email), an alias-only gold user and u3 (silver).
/// </summary>
internal sealed class CurrentsScenario : IAsyncDisposable
{
    public const string ApiKey = "mp-key";
    public const string ApiSecret = "mp-secret-0123456789";
    public const string Segment = "gold";

    private CurrentsScenario(SandboxHttp sandbox, CurrentsReceiver receiver)
    {
        Sandbox = sandbox;
        Receiver = receiver;
    }

    public SandboxHttp Sandbox { get; }

    public CurrentsReceiver Receiver { get; }

    public static async Task<CurrentsScenario> StartAsync(Action<SandboxOptions, CurrentsReceiver>? configure = null, TimeProvider? time = null)
    {
        var receiver = await CurrentsReceiver.StartAsync();
        var sandbox = await SandboxHttp.StartAsync(o =>
        {
            // Fast retries, so tests on the real clock do not wait; tests on a fake clock advance it instead.
            o.Currents.InitialBackoff = TimeSpan.FromMilliseconds(10);
            o.Currents.MaxBackoff = TimeSpan.FromMilliseconds(40);
            configure?.Invoke(o, receiver);
        }, time);
        return new CurrentsScenario(sandbox, receiver);
    }

    public async Task SeedGoldSegmentAsync()
    {
        var (tracked, _) = await Sandbox.TrackAsync("""
            {"attributes":[
              {"external_id":"u1","email":"u1@example.com","tier":"gold"},
              {"external_id":"u2","tier":"gold"},
              {"external_id":"u3","email":"u3@example.com","tier":"silver"}
            ]}
            """);
        Assert.Equal(HttpStatusCode.Created, tracked);
        var (aliased, _) = await Sandbox.PostAsync("/users/alias/new", """{"user_aliases":[{"alias_name":"anon-1","alias_label":"web"}]}""");
        Assert.Equal(HttpStatusCode.Created, aliased);
        var (anonymous, _) = await Sandbox.TrackAsync("""{"attributes":[{"user_alias":{"alias_name":"anon-1","alias_label":"web"},"tier":"gold"}]}""");
        Assert.Equal(HttpStatusCode.Created, anonymous);
        await DefineSegmentAsync(Segment, """{"filter":{"attribute":"tier","operator":"equals","value":"gold"}}""");
    }

    public async Task DefineSegmentAsync(string name, string json)
    {
        var (status, _) = await SendAsync(HttpMethod.Put, $"/_sandbox/segments/{name}", json);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public async Task<JsonNode> PutConnectorAsync(string path = "/v2/bulkevents", string environment = "production")
    {
        var (status, body) = await SendAsync(
            HttpMethod.Put,
            "/_sandbox/currents/connector",
            $$"""{"url":"{{Receiver.Url(path)}}","api_key":"{{ApiKey}}","api_secret":"{{ApiSecret}}","environment":"{{environment}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> SendCampaignAsync(string json) =>
        SendAsync(HttpMethod.Post, "/_sandbox/currents/campaigns", json);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Sandbox.SendAsync(request);
    }

    public Task<JsonNode> StatusAsync() => Sandbox.GetAsync("/_sandbox/currents");

    /// <summary>
    /// Polls the status until <paramref name="done"/> holds (10 s at most), running <paramref name="between"/> after
    /// each miss (e.g. to advance a fake clock). Returns the status that satisfied it.
    /// </summary>
    public async Task<JsonNode> WaitForStatusAsync(Func<JsonNode, bool> done, Action? between = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (10 * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var status = await StatusAsync();
            if (done(status))
            {
                return status;
            }

            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"Currents status never reached the expected state: {status.ToJsonString()}");
            between?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public Task<JsonNode> WaitUntilIdleAsync(long delivered, Action? between = null) =>
        WaitForStatusAsync(s => (long)s["delivered"]! == delivered && (int)s["queued"]! == 0, between);

    /// <summary>Every batch the receiver accepted (2xx), in arrival order.</summary>
    public IReadOnlyList<JsonObject> AcceptedBatches() =>
        [.. Receiver.Requests.Where(r => r.AnsweredStatus is >= 200 and < 300).SelectMany(r => Batches(r.Body))];

    /// <summary>The batches of one request body: the array of a bulk request, or the single batch of <c>/v2/events</c>.</summary>
    public static IEnumerable<JsonObject> Batches(string body) =>
        JsonNode.Parse(body) switch
        {
            JsonArray array => array.Select(b => b!.AsObject()),
            JsonObject single => [single],
            _ => throw new InvalidOperationException("neither an array nor an object"),
        };

    public static string EventName(JsonObject batch) => (string)batch["events"]![0]!["data"]!["event_name"]!;

    public static string CustomerId(JsonObject batch) => (string)batch["user_identities"]!["customerid"]!;

    public static string SourceMessageId(JsonObject batch) => (string)batch["events"]![0]!["data"]!["source_message_id"]!;

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
