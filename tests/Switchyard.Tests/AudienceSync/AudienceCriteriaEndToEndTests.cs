using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.AudienceSync;

/// <summary>
/// The audience builder criteria over real sockets: batches through the Events API, one audience per criterion judged
/// on users for whom it is true, false, missing and of the wrong type, and an audience combining several of them whose
/// joins and leaves reach the Braze sandbox through audience sync.
/// </summary>
public sealed class AudienceCriteriaEndToEndTests : IAsyncLifetime
{
    private const string RestKey = "criteria-e2e-rest-key-0123";
    private const string Output = "braze-audiences";
    private const int Combined = 500;

    private static readonly string[] Audiences =
    [
        """{"id":1,"name":"Renews this year","criteria":{"attribute":"renewal","operator":"after","value":"2026-01-01"}}""",
        """{"id":2,"name":"Marketing consent","criteria":{"consent":"gdpr:marketing","consented":true}}""",
        """{"id":3,"name":"iOS 17 or later","criteria":{"device":"os_version","operator":"at_least","value":17}}""",
        """{"id":4,"name":"In Spain","criteria":{"location":"country","operator":"equals","value":"ES"}}""",
        """{"id":5,"name":"New users","criteria":{"seen":"first","operator":"within_last_days","value":7}}""",
        """{"id":6,"name":"Staff","criteria":{"identity":"email","operator":"ends_with","value":"@example.com"}}""",
        """{"id":7,"name":"VIPs","criteria":{"attribute":"vip","operator":"equals","value":true,"as":"boolean"}}""",
        $$$$"""
        {"id":{{{{Combined}}}},"name":"Spanish iOS staff who consented","criteria":{"and":[
          {"consent":"gdpr:marketing","consented":true},
          {"device":"platform","operator":"equals","value":"iOS"},
          {"location":"country","operator":"equals","value":"ES"},
          {"identity":"email","operator":"ends_with","value":"@example.com"},
          {"attribute":"renewal","operator":"within_next_days","value":3650}]}}
        """,
    ];

    private SandboxServer _sandbox = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(options);
        _control = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        using var response = await _control.PutAsync(
            "_sandbox/segments/combined",
            new StringContent($$$$"""{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"{{{{Combined}}}}"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Each_criterion_admits_the_user_it_is_true_for_and_no_one_it_is_false_missing_or_mistyped_for()
    {
        await using var service = await TestService.StartAsync(Workspace());
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var thirtyDaysAgo = now - (30L * 86_400_000);

        await PostAsync(service, """
            {"environment":"development","user_identities":{"customer_id":"yes","email":"ana@Example.com"},
             "user_attributes":{"renewal":"2099-02-01","$country":"es","vip":"1"},
             "device_info":{"platform":"iOS","os_version":"17.2"},
             "consent_state":{"gdpr":{"marketing":{"consented":true}}}}
            """);
        await PostAsync(service, $$$$"""
            {"environment":"development","user_identities":{"customer_id":"no","email":"bo@other.com"},
             "user_attributes":{"renewal":"2025-12-01","$Country":"FR","vip":0},
             "device_info":{"platform":"Android","os_version":"16.1"},
             "consent_state":{"gdpr":{"marketing":{"consented":false}}},
             "events":[{"event_type":"custom_event","data":{"event_name":"Opened","custom_event_type":"other","timestamp_unixtime_ms":{{{{thirtyDaysAgo}}}}}}]}
            """);
        await PostAsync(service, $$$$"""
            {"environment":"development","user_identities":{"customer_id":"missing"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Opened","custom_event_type":"other","timestamp_unixtime_ms":{{{{thirtyDaysAgo}}}}}}]}
            """);
        await PostAsync(service, $$$$"""
            {"environment":"development","user_identities":{"customer_id":"mistyped","email":"example.com"},
             "user_attributes":{"renewal":"soon","$Country":["ES"],"vip":"maybe"},
             "device_info":{"os_version":"17.2.1"},
             "consent_state":{"gdpr":{"marketing":{"timestamp_unixtime_ms":{{{{now}}}}}}},
             "events":[{"event_type":"custom_event","data":{"event_name":"Opened","custom_event_type":"other","timestamp_unixtime_ms":{{{{thirtyDaysAgo}}}}}}]}
            """);
        await WaitAsync(async () => await ProfileCountAsync(service) == 4, "four profiles");
        await WaitAsync(async () => (await MembersAsync(service, 7)).Count == 1, "the last batch to be processed");

        for (var id = 1; id <= 7; id++)
        {
            Assert.Equal(["yes"], await MembersAsync(service, id));
        }

        // 2099 is more than 3650 days away.
        Assert.Empty(await MembersAsync(service, Combined));
    }

    [Fact]
    public async Task An_audience_of_several_new_criteria_joins_and_leaves_a_user_in_braze()
    {
        await using var service = await TestService.StartAsync(Workspace());
        await PostAsync(service, """
            {"environment":"development","user_identities":{"customer_id":"u1","email":"u1@example.com"},
             "user_attributes":{"renewal":"2030-05-01","$Country":"ES"},
             "device_info":{"platform":"iOS"},
             "consent_state":{"gdpr":{"marketing":{"consented":true}}}}
            """);
        await PostAsync(service, """
            {"environment":"development","user_identities":{"customer_id":"u2","email":"u2@example.com"},
             "user_attributes":{"renewal":"2030-05-01","$Country":"ES"},
             "device_info":{"platform":"Android"},
             "consent_state":{"gdpr":{"marketing":{"consented":true}}}}
            """);
        await WaitForSegmentAsync(["u1"]);

        // Withdrawing consent is enough to leave.
        var later = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + 1000;
        await PostAsync(service, $$$$"""
            {"environment":"development","user_identities":{"customer_id":"u1"},
             "consent_state":{"gdpr":{"marketing":{"consented":false,"timestamp_unixtime_ms":{{{{later}}}} } } }}
            """);
        await WaitForSegmentAsync([]);
        Assert.Empty(await MembersAsync(service, Combined));
    }

    private Workspace Workspace() =>
        new([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition(Output, OutputTypes.BrazeAudience, new JsonObject
            {
                ["restApiKey"] = RestKey,
                ["instance"] = "Custom",
                ["customRestEndpoint"] = _sandbox.BaseAddress.ToString().TrimEnd('/'),
                ["sendSegmentsAs"] = "single_string",
            }.ToJsonString())],
            Audiences = Audiences,
            AudienceConnections = [new AudienceConnectionDefinition(Output, Combined)],
        };

    private static async Task PostAsync(TestService service, string json)
    {
        using var response = await service.PostAsync("/v2/events", json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<JsonNode> AdminJsonAsync(TestService service, string path)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<int> ProfileCountAsync(TestService service)
    {
        var count = 0;
        foreach (var id in new[] { "yes", "no", "missing", "mistyped" })
        {
            using var response = await service.AdminAsync(HttpMethod.Get, $"/admin/profiles?identity=customer_id&value={id}");
            count += response.IsSuccessStatusCode ? 1 : 0;
        }

        return count;
    }

    /// <summary>The customer ids of an audience's members, through the admin API.</summary>
    private static async Task<List<string>> MembersAsync(TestService service, int audienceId)
    {
        var members = await AdminJsonAsync(service, $"/admin/audiences/{audienceId}/members");
        var ids = new List<string>();
        foreach (var mpid in members["mpids"]!.AsArray())
        {
            var profile = await AdminJsonAsync(service, $"/admin/profiles/{(string?)mpid}");
            ids.Add((string)profile["user_identities"]!["customer_id"]!);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private async Task<List<string>> SegmentAsync()
    {
        var members = JsonNode.Parse(await _control.GetStringAsync("_sandbox/segments/combined/members"))!["members"]!.AsArray();
        return [.. members.Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];
    }

    private Task WaitForSegmentAsync(string[] expected) =>
        WaitAsync(async () => (await SegmentAsync()).SequenceEqual(expected), $"segment = [{string.Join(", ", expected)}]");

    private static Task WaitAsync(Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(20), what);
}
