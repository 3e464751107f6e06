using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>The sandbox as a newcomer runs it: the <c>sandbox</c> verb, and the one <c>serve</c>'s quickstart starts.</summary>
public sealed class SandboxProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-sandbox-" + Guid.NewGuid().ToString("N"));

    public SandboxProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_sandbox_verb_tracks_exports_and_segments_a_user_and_keeps_state_across_restarts()
    {
        var data = Path.Combine(_directory, "state");
        string key;
        using (var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--data", data))
        {
            var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
            key = (await process.WaitForLineAsync(SwitchyardProcess.SandboxKeyLine(), StartTimeout)).Groups[1].Value;
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var (tracked, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"newcomer","plan":"pro"}]}""", key);
            var (unauthorized, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[]}""", "wrong-key");
            var (defined, _) = await SendAsync(client, HttpMethod.Put, "/_sandbox/segments/pro", """{"filter":{"attribute":"plan","operator":"equals","value":"pro"}}""", null);
            var (_, members) = await SendAsync(client, HttpMethod.Get, "/_sandbox/segments/pro/members", null, null);

            Assert.Equal(HttpStatusCode.Created, tracked);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
            Assert.Equal(HttpStatusCode.OK, defined);
            Assert.Equal("newcomer", (string?)members!["members"]![0]!["external_id"]);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "sandbox-api-key.txt")));
            process.Terminate();
            Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));
        }

        using (var again = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--data", data))
        {
            var address = (await again.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
            Assert.Equal(key, (await again.WaitForLineAsync(SwitchyardProcess.SandboxKeyLine(), StartTimeout)).Groups[1].Value);
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var (status, body) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", """{"external_ids":["newcomer"],"fields_to_export":["external_id","custom_attributes"]}""", key);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("pro", (string?)body!["users"]![0]!["custom_attributes"]!["plan"]);
        }
    }

    [Fact]
    public async Task Keys_given_on_the_command_line_are_the_only_ones_accepted()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "first-key", "--api-key", "second-key");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var (first, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"a","x":1}]}""", "first-key");
        var (second, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"a","x":2}]}""", "second-key");
        var (other, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"a","x":3}]}""", "third-key");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Unauthorized), (first, second, other));
    }

    [Fact]
    public async Task A_key_given_with_permissions_may_only_use_those_endpoints()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "tracker:users.track");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var (track, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"a","x":1}]}""", "tracker");
        var (export, _) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", """{"external_ids":["a"],"fields_to_export":["external_id"]}""", "tracker");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Forbidden), (track, export));
    }

    [Fact]
    public async Task The_batch_rule_and_array_cap_are_chosen_on_the_command_line()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k", "--batch-rule", "per-array75", "--array-cap", "2");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var attributes = string.Join(',', Enumerable.Range(0, 50).Select(i => $$"""{"external_id":"u{{i}}","tags":["a","b","c"]}"""));
        var events = string.Join(',', Enumerable.Range(0, 50).Select(i => $$"""{"external_id":"u{{i}}","name":"e","time":"2026-01-01T00:00:00Z"}"""));

        // 100 objects: over the combined rule's 75, within 75 per array.
        var (tracked, _) = await SendAsync(client, HttpMethod.Post, "/users/track", $$"""{"attributes":[{{attributes}}],"events":[{{events}}]}""", "k");
        var (_, exported) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", """{"external_ids":["u0"],"fields_to_export":["custom_attributes"]}""", "k");

        Assert.Equal(HttpStatusCode.Created, tracked);
        Assert.Equal(["b", "c"], exported!["users"]![0]!["custom_attributes"]!["tags"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task Strict_mode_refuses_an_export_without_fields_to_export()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k", "--strict");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var (status, body) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", """{"external_ids":["u0"]}""", "k");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'fields_to_export' is required", (string?)body!["message"]);
    }

    [Fact]
    public async Task A_consistency_delay_from_the_command_line_hides_a_new_user_from_export_until_it_has_passed()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k", "--consistency-delay", "2000");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        const string Export = """{"external_ids":["late"],"fields_to_export":["external_id"]}""";

        var (tracked, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"late","plan":"pro"}]}""", "k");
        var (_, early) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", Export, "k");

        Assert.Equal(HttpStatusCode.Created, tracked);
        Assert.Empty(early!["users"]!.AsArray());
        await Eventually.HoldsAsync(
            async () => (await SendAsync(client, HttpMethod.Post, "/users/export/ids", Export, "k")).Item2!["users"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(10),
            "the user tracked 2 s earlier is exported");
    }

    [Fact]
    public async Task The_relaxing_flags_accept_any_key_and_exports_without_fields_and_strict_overrides_them()
    {
        using var relaxed = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--accept-any-key", "--export-without-fields");
        var relaxedAddress = (await relaxed.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(relaxedAddress) };
        var (tracked, _) = await SendAsync(client, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"u0","plan":"pro"}]}""", "any-key-at-all");
        var (exported, body) = await SendAsync(client, HttpMethod.Post, "/users/export/ids", """{"external_ids":["u0"]}""", "another-key");

        using var strict = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k", "--accept-any-key", "--export-without-fields", "--strict");
        var strictAddress = (await strict.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var strictClient = new HttpClient { BaseAddress = new Uri(strictAddress) };
        var (unknownKey, _) = await SendAsync(strictClient, HttpMethod.Post, "/users/track", """{"attributes":[{"external_id":"u0","plan":"pro"}]}""", "any-key-at-all");
        var (noFields, _) = await SendAsync(strictClient, HttpMethod.Post, "/users/export/ids", """{"external_ids":["u0"]}""", "k");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (tracked, exported));
        Assert.Equal("pro", (string?)body!["users"]![0]!["custom_attributes"]!["plan"]);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest), (unknownKey, noFields));
    }

    [Theory]
    [InlineData("--batch-rule", "combined100", "--batch-rule must be combined75, per-array75 or combined50")]
    [InlineData("--array-cap", "0", "--array-cap must be a whole number between 1 and 1000")]
    [InlineData("--array-cap", "many", "--array-cap must be a whole number between 1 and 1000")]
    [InlineData("--consistency-delay", "600001", "--consistency-delay must be a whole number of milliseconds between 0 and 600000")]
    [InlineData("--consistency-delay", "-5", "--consistency-delay must be a whole number of milliseconds between 0 and 600000")]
    public async Task A_bad_realism_option_exits_1_naming_the_option(string option, string value, string message)
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", option, value);

        Assert.Equal(1, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_permission_stops_start_up_with_a_message()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k:users.fly");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("users.fly", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_keys_and_origins_given_on_the_command_line_are_the_ones_the_web_sdk_route_accepts()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--sdk-api-key", "site-key", "--sdk-origin", "https://shop.example");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        const string body = """{"device_id":"d1","events":[{"name":"ce","time":1767225600,"data":{"n":"Opened"},"user_id":"web-1"}]}""";

        var (accepted, acceptedBody) = await SendSdkAsync(client, body, "site-key", "https://shop.example");
        var (_, defaultKey) = await SendSdkAsync(client, body, "sandbox-web-sdk-key", "https://shop.example");
        var (foreign, _) = await SendSdkAsync(client, body, "site-key", "https://evil.example");

        Assert.Equal((HttpStatusCode.OK, "{}"), (accepted, acceptedBody!.ToJsonString()));
        Assert.Equal("invalid_api_key", (string?)defaultKey!["error"]);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
    }

    [Fact]
    public async Task An_sdk_origin_that_is_not_an_origin_stops_start_up_naming_it()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--sdk-origin", "https://shop.example/checkout");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("SdkAllowedOrigins", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quickstart_forwards_what_the_events_api_accepts_to_its_sandbox()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var feedKey = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var feedSecret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        var line = await process.WaitForLineAsync(SwitchyardProcess.QuickstartSandboxLine(), StartTimeout);
        using var sandbox = new HttpClient { BaseAddress = new Uri(line.Groups[1].Value) };
        using var service = new HttpClient { BaseAddress = new Uri(address) };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = new StringContent("""{"environment":"development","user_identities":{"customer_id":"c-42"},"events":[{"event_type":"custom_event","data":{"event_name":"Signed Up","custom_event_type":"other"}}]}""", Encoding.UTF8, "application/json"),
        };
        post.Headers.Authorization = TestService.Basic(feedKey, feedSecret);
        using var accepted = await service.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        JsonNode? user = null;
        for (var attempt = 0; attempt < 200 && user is null; attempt++)
        {
            await Task.Delay(50);
            var (status, body) = await SendAsync(sandbox, HttpMethod.Post, "/users/export/ids", """{"external_ids":["c-42"],"fields_to_export":["external_id","braze_id","user_aliases","first_name","last_name","email","phone","gender","dob","country","custom_attributes","custom_events","purchases"]}""", line.Groups[2].Value);
            Assert.Equal(HttpStatusCode.OK, status);
            user = body!["users"]!.AsArray().FirstOrDefault();
        }

        Assert.NotNull(user);
        Assert.Equal("Signed Up", (string?)user!["custom_events"]![0]!["name"]);

        // The same sandbox takes the Braze Web SDK's traffic with the documented development key.
        var (sdk, sdkBody) = await SendSdkAsync(sandbox, """{"device_id":"d1","attributes":[{"user_id":"c-42","first_name":"Ada"}]}""", "sandbox-web-sdk-key", null);
        Assert.Equal((HttpStatusCode.OK, "{}"), (sdk, sdkBody!.ToJsonString()));
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

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendSdkAsync(HttpClient client, string json, string key, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v3/data/") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Braze-Api-Key", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
