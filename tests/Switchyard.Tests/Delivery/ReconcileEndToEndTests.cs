using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>
/// Drift made behind Switchyard's back in the Braze sandbox (a user deleted, attributes changed) and each remedy over
/// real sockets: <c>ledgerMaxAge</c>, a requested reconcile, and the sampling schedule; the sandbox counts data points.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class ReconcileEndToEndTests : IAsyncLifetime
{
    private const string RestKey = "reconcile-e2e-rest-key-01";
    private const string Events = "braze";
    private const string Audiences = "braze-audiences";
    private const int Dreamers = 11036;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private SandboxServer _sandbox = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(options);
        _control = new HttpClient { BaseAddress = _sandbox.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_user_deleted_in_braze_gets_the_attributes_back_with_the_next_update_once_ledgerMaxAge_elapsed()
    {
        await using var service = await StartAsync(",\"ledgerMaxAge\":\"PT0.2S\"");
        await PostAsync(service, "drift-1", "A", ("plan", "pro"), ("tier", "gold"));
        await WaitForAsync("drift-1", u => (string?)u?["custom_attributes"]?["plan"] == "pro" && EventCount(u, "A") == 1, "drift-1 has plan=pro and event A");
        await DeleteInBrazeAsync("drift-1");
        var deleted = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => Task.FromResult(deleted.Elapsed > TimeSpan.FromMilliseconds(300)), Patience, "ledgerMaxAge elapsed");

        await PostAsync(service, "drift-1", "B", ("plan", "pro"), ("tier", "gold"));

        await WaitForAsync(
            "drift-1",
            u => (string?)u?["custom_attributes"]?["plan"] == "pro" && (string?)u?["custom_attributes"]?["tier"] == "gold" && EventCount(u, "B") == 1,
            "the recreated drift-1 has plan=pro, tier=gold and event B");
    }

    [Fact]
    public async Task With_the_default_age_a_reconcile_of_the_user_restores_the_attributes_without_a_new_batch_and_a_second_costs_nothing()
    {
        await using var service = await StartAsync("");
        await PostAsync(service, "drift-1", "A", ("plan", "pro"), ("tier", "gold"));
        await WaitForAsync("drift-1", u => (string?)u?["custom_attributes"]?["plan"] == "pro", "drift-1 has plan=pro");
        await DeleteInBrazeAsync("drift-1");
        await PostAsync(service, "drift-1", "B", ("plan", "pro"), ("tier", "gold"));
        await WaitForAsync("drift-1", u => EventCount(u, "B") == 1, "the recreated drift-1 has event B");
        // The issue as a user meets it: the ledger trusts what Braze lost, so the attributes are not sent again.
        Assert.Null((await ExportAsync("drift-1"))!["custom_attributes"]?["plan"]);

        var job = await ReconcileAsync(service, Events, """{"external_ids":["drift-1","nobody"]}""");

        Assert.Equal((1L, 1L, 1L, 1L), ((long)job["checked"]!, (long)job["drifted"]!, (long)job["repaired"]!, (long)job["not_found"]!));
        await WaitForAsync(
            "drift-1",
            u => (string?)u?["custom_attributes"]?["plan"] == "pro" && (string?)u?["custom_attributes"]?["tier"] == "gold",
            "the reconcile restored plan=pro and tier=gold");
        Assert.Equal(1, EventCount(await ExportAsync("drift-1"), "B"));
        await WaitForQueueEmptyAsync(service, Events);

        var pointsBefore = await DataPointsAsync();
        var again = await ReconcileAsync(service, Events, """{"all":true}""");
        Assert.Equal((1L, 0L, 0L), ((long)again["checked"]!, (long)again["drifted"]!, (long)again["repaired"]!));
        await WaitForQueueEmptyAsync(service, Events);
        Assert.Equal(pointsBefore, await DataPointsAsync());
    }

    [Fact]
    public async Task A_reconcile_of_the_whole_output_repairs_exactly_the_users_changed_in_braze_and_counts_them_at_metrics()
    {
        await using var service = await StartAsync("", withAudiences: true);
        string[] users = ["r1", "r2", "r3", "r4", "r5", "r6"];
        foreach (var user in users)
        {
            await PostAsync(service, user, "A", ("plan", "pro"), ("dream", "ibiza"));
        }

        foreach (var user in users)
        {
            await WaitForAsync(user, u => (string?)u?["custom_attributes"]?["plan"] == "pro" && (bool?)u?["custom_attributes"]?["In Ibiza dreamers"] == true, $"{user} synced");
        }

        await WaitForQueueEmptyAsync(service, Events);
        await WaitForQueueEmptyAsync(service, Audiences);

        // Other writers: a CSV import changes r2's plan, a Canvas step removes r3's attribute, the SDK flips r5's membership flag.
        await TrackInBrazeAsync("""{"attributes":[{"external_id":"r2","plan":"free"},{"external_id":"r3","plan":null},{"external_id":"r5","In Ibiza dreamers":false}]}""");

        var events = await ReconcileAsync(service, Events, """{"all":true}""");
        var audiences = await ReconcileAsync(service, Audiences, $$"""{"audience":{{Dreamers}}}""");

        Assert.Equal((6L, 2L, 2L, 0L), ((long)events["checked"]!, (long)events["drifted"]!, (long)events["repaired"]!, (long)events["skipped"]!));
        Assert.Equal((6L, 1L, 1L), ((long)audiences["checked"]!, (long)audiences["drifted"]!, (long)audiences["repaired"]!));
        await WaitForAsync("r2", u => (string?)u?["custom_attributes"]?["plan"] == "pro", "r2's plan repaired");
        await WaitForAsync("r3", u => (string?)u?["custom_attributes"]?["plan"] == "pro", "r3's plan repaired");
        await WaitForAsync("r5", u => (bool?)u?["custom_attributes"]?["In Ibiza dreamers"] == true, "r5's membership repaired");

        var metrics = await service.Client.GetStringAsync("/metrics");
        Assert.Equal(2, Metric(metrics, "switchyard_reconcile_users_repaired_total", Events));
        Assert.Equal(1, Metric(metrics, "switchyard_reconcile_users_repaired_total", Audiences));
        Assert.Equal(6, Metric(metrics, "switchyard_reconcile_users_checked_total", Events));

        var listed = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/outputs/{Events}/reconcile");
        Assert.Equal((string?)events["id"], (string?)listed["jobs"]![0]!["id"]);
    }

    [Fact]
    public async Task With_the_sampling_schedule_on_a_drifted_user_is_found_and_repaired_unasked()
    {
        await using var service = await StartAsync(",\"reconcileSamplePerHour\":180000");
        await PostAsync(service, "s1", "A", ("plan", "pro"));
        await WaitForAsync("s1", u => (string?)u?["custom_attributes"]?["plan"] == "pro", "s1 has plan=pro");

        await TrackInBrazeAsync("""{"attributes":[{"external_id":"s1","plan":"free"}]}""");

        await WaitForAsync("s1", u => (string?)u?["custom_attributes"]?["plan"] == "pro", "the sampler restored s1's plan");
        var sample = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/outputs/{Events}/reconcile/sample");
        Assert.Equal("sample", (string?)sample["scope"]);
        Assert.True((long)sample["repaired"]! >= 1);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_unknown_outputs_and_jobs_are_404_and_a_job_of_an_earlier_run_is_reported_interrupted()
    {
        await using var service = await StartAsync("");
        foreach (var (body, field) in new[]
        {
            ("""{"external_ids":[]}""", "external_ids"),
            ("""{"external_ids":["a",1]}""", "external_ids"),
            ("""{"all":false}""", "all"),
            ("""{"audience":"x"}""", "audience"),
            ("""{"every":true}""", "every"),
            ("""{"all":true,"audience":1}""", "exactly one"),
            ("""[]""", "JSON object"),
            ("", "JSON object"),
        })
        {
            using var response = await service.AdminAsync(HttpMethod.Post, $"/admin/outputs/{Events}/reconcile", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {text}");
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        using (var missing = await service.AdminAsync(HttpMethod.Post, "/admin/outputs/nope/reconcile", """{"all":true}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var noAudience = await service.AdminAsync(HttpMethod.Post, $"/admin/outputs/{Events}/reconcile", """{"audience":999}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, noAudience.StatusCode);
        }

        using (var noJob = await service.AdminAsync(HttpMethod.Get, $"/admin/outputs/{Events}/reconcile/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        }

        using (var earlier = await service.AdminAsync(HttpMethod.Get, $"/admin/outputs/{Events}/reconcile/00000000-1"))
        {
            Assert.Equal(HttpStatusCode.Gone, earlier.StatusCode);
            Assert.Contains("JOB_INTERRUPTED", await earlier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<TestService> StartAsync(string extraSettings, bool withAudiences = false)
    {
        var endpoint = _sandbox.BaseAddress.ToString().TrimEnd('/');
        var settings = $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{endpoint}}"{{extraSettings}}}""";
        var audienceSettings = $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{endpoint}}","sendSegmentsAs":"one_attribute_per_segment"}""";
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = withAudiences
                ? [new OutputDefinition(Events, OutputTypes.Braze, settings), new OutputDefinition(Audiences, OutputTypes.BrazeAudience, audienceSettings)]
                : [new OutputDefinition(Events, OutputTypes.Braze, settings)],
            Connections = [new Connection("app", Events)],
            Audiences = [$$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
            AudienceConnections = withAudiences ? [new AudienceConnectionDefinition(Audiences, Dreamers)] : [],
        };
        return await TestService.StartAsync(workspace);
    }

    private static async Task PostAsync(TestService service, string customerId, string eventName, params (string Name, string Value)[] attributes)
    {
        var userAttributes = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            userAttributes[name] = value;
        }

        var batch = new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = new JsonObject { ["customer_id"] = customerId },
            ["user_attributes"] = userAttributes,
            ["events"] = new JsonArray(new JsonObject
            {
                ["event_type"] = "custom_event",
                ["data"] = new JsonObject { ["event_name"] = eventName, ["custom_event_type"] = "other" },
            }),
        };
        using var response = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<JsonNode> ReconcileAsync(TestService service, string output, string body)
    {
        using var response = await service.AdminAsync(HttpMethod.Post, $"/admin/outputs/{output}/reconcile", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
        var id = (string)JsonNode.Parse(text)!["id"]!;
        JsonNode job = null!;
        await Eventually.HoldsAsync(
            async () => (string?)(job = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/outputs/{output}/reconcile/{id}"))["status"] != "running",
            Patience,
            $"reconcile job {id} finished");
        Assert.Equal("finished", (string?)job["status"]);
        return job;
    }

    private static async Task<JsonNode> AdminJsonAsync(TestService service, HttpMethod method, string path)
    {
        using var response = await service.AdminAsync(method, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static Task WaitForQueueEmptyAsync(TestService service, string output) =>
        Eventually.HoldsAsync(
            async () => (long)(await AdminJsonAsync(service, HttpMethod.Get, $"/admin/outputs/{output}"))["queued"]! == 0, Patience, $"{output}'s outbox empty");

    private static double Metric(string text, string name, string output)
    {
        var prefix = name + "{";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains($"output=\"{output}\"", StringComparison.Ordinal)
            && !l.Contains("source=\"sample\"", StringComparison.Ordinal));
        Assert.True(line is not null, $"{name} for {output} is not at /metrics");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private async Task WaitForAsync(string externalId, Func<JsonNode?, bool> condition, string what) =>
        await Eventually.HoldsAsync(async () => condition(await ExportAsync(externalId)), Patience, what);

    private static int EventCount(JsonNode? user, string name) =>
        (int?)user?["custom_events"]?.AsArray().FirstOrDefault(e => (string?)e?["name"] == name)?["count"] ?? 0;

    private async Task<long> DataPointsAsync() =>
        (long)JsonNode.Parse(await _control.GetStringAsync("_sandbox/datapoints"))!["total"]!["total"]!;

    private async Task<JsonNode?> ExportAsync(string externalId)
    {
        using var response = await BrazeAsync("users/export/ids", $$"""{"external_ids":["{{externalId}}"],"fields_to_export":["external_id","custom_attributes","custom_events"]}""");
        var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
        return users.Count == 0 ? null : users[0];
    }

    private async Task DeleteInBrazeAsync(string externalId)
    {
        using var response = await BrazeAsync("users/delete", $$"""{"external_ids":["{{externalId}}"]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task TrackInBrazeAsync(string body)
    {
        using var response = await BrazeAsync("users/track", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> BrazeAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RestKey);
        return await _control.SendAsync(request);
    }
}
