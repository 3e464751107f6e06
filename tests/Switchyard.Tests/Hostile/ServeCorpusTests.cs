using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (<see cref="HostileCorpus"/>) against every endpoint <c>serve</c> maps: never a 5xx, a hang
/// or a refused request that changed anything; a 4xx always has the <c>{"errors":[…]}</c> body. Endpoints are read from
/// the running host, so a route added without a row in <see cref="Routes"/> fails this test until it is covered.
/// </summary>
public sealed class ServeCorpusTests
{
    private const string AudienceOutput = "braze-audiences";
    private const int Audience = 7;

    [Fact]
    public async Task Every_route_answers_every_hostile_request_with_a_4xx_json_error_or_a_defined_2xx_and_keeps_serving()
    {
        using var logs = new LogRecorder();
        await using var service = await StartAsync(logs);
        var mpid = await IdentifyAsync(service);
        var routes = Routes(service, mpid);
        // The console's pages and assets are not API routes; ConsoleHostileTests holds them to "never a 5xx".
        var mapped = EndpointRoutes.Of(service.Host.Services, apiOnly: true);
        Assert.True(mapped.Count > 20, "too few endpoints found: " + string.Join(", ", mapped));
        var uncovered = mapped.Except(routes.Select(r => r.Key)).ToList();
        Assert.True(uncovered.Count == 0, "Routes without a row in ServeCorpusTests.Routes (add one): " + string.Join(", ", uncovered));
        var stale = routes.Select(r => r.Key).Except(mapped).ToList();
        Assert.True(stale.Count == 0, "Rows for routes serve no longer maps: " + string.Join(", ", stale));

        var run = new HostileRun(service.Host.BaseAddress, () => StateAsync(service), body => body["errors"] is JsonArray { Count: > 0 });
        foreach (var route in routes)
        {
            if (route.Sample is not null)
            {
                // The sample must get through, or every mutation of it would only test authentication.
                using var accepted = await SendAsync(service, route, route.Sample);
                Assert.True((int)accepted.StatusCode is >= 200 and < 300, $"{route}: the sample was answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
            }

            foreach (var hostile in HostileCorpus.RequestCases(route).Concat(HostileCorpus.MutationCases(route)))
            {
                await run.SendAsync(route, hostile);
            }
        }

        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of {run.Sent} requests broke a rule:\n" + string.Join('\n', run.Failures.Take(60)));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);

        // Still serving: a good batch is stored, the admin API answers.
        var events = routes.Single(r => r.Key == "POST /v2/events");
        var stored = await service.Host.Inbox.CountAsync(default);
        using var good = await SendAsync(service, events, events.Sample!);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(stored + 1, await service.Host.Inbox.CountAsync(default));
        using var processing = await service.AdminAsync(HttpMethod.Get, "/admin/processing");
        Assert.Equal(HttpStatusCode.OK, processing.StatusCode);
    }

    /// <summary>One row per endpoint: a path that reaches the route's logic, its credentials and a body it accepts.</summary>
    private static List<HostileRoute> Routes(TestService service, string mpid)
    {
        var admin = "Bearer " + service.Host.AdminToken;
        var events = TestService.Basic("app-key", TestService.Secret).ToString();
        var braze = "Bearer braze-key:" + TestService.Secret;
        var historical = TimeProvider.System.GetUtcNow().AddDays(-10).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var batch = """
            {"environment":"development","mpid":"12","user_identities":{"customer_id":"c-1","email":"a@example.com"},
             "user_attributes":{"plan":"pro","tags":["a","b"]},
             "events":[{"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"other","timestamp_unixtime_ms":@T,"custom_attributes":{"level":3}}}]}
            """.Replace("@T", historical, StringComparison.Ordinal);
        var audience = """{"id":8,"name":"Paris dreamers","criteria":{"and":[{"attribute":"dream","operator":"equals","value":"paris"},{"event":{"type":"custom_event","name":"Played"},"within_days":7}]}}""";
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var dsrId = Guid.NewGuid().ToString();
        var dsr = $$$"""{"regulation":"gdpr","subject_request_id":"{{{dsrId}}}","subject_request_type":"access","submitted_time":"2026-01-31T12:00:00Z","subject_identities":{"email":{"value":"a@example.com","encoding":"raw"}},"group_id":"g"}""";
        return
        [
            new("GET", "/healthz") { Path = "/healthz" },
            new("GET", "/health/live") { Path = "/health/live" },
            new("GET", "/health/ready") { Path = "/health/ready" },
            new("*", "/metrics") { Path = "/metrics" },
            new("GET", "/openapi/{documentName}.json") { Path = "/openapi/v1.json" },
            new("POST", "/v2/events") { Path = "/v2/events", Authorization = events, IgnoresUnknownProperties = true, Sample = batch },
            new("POST", "/v2/bulkevents") { Path = "/v2/bulkevents", Authorization = events, IgnoresUnknownProperties = true, RefusesPerItem = true, Sample = "[" + batch + "," + batch + "]" },
            new("POST", "/v2/bulkevents/historical") { Path = "/v2/bulkevents/historical", Authorization = events, IgnoresUnknownProperties = true, Sample = "[" + batch + "]" },
            new("POST", "/v2/currents")
            {
                Path = "/v2/currents",
                Authorization = braze,
                Sample = $$$"""{"events":[{"event_type":"users.messages.email.Open","id":"ev-1","time":{{{now}}},"user":{"user_id":"b-1","external_user_id":"u-1"},"properties":{"campaign_name":"Welcome","platform":"ios"}}]}""",
            },
            new("POST", "/v3/requests") { Path = "/v3/requests", Authorization = events, IgnoresUnknownProperties = true, Sample = dsr },
            new("GET", "/v3/requests") { Path = "/v3/requests?group_id=g", Authorization = events },
            new("GET", "/v3/requests/{id}") { Path = "/v3/requests/" + dsrId, Authorization = events },
            new("DELETE", "/v3/requests/{id}") { Path = "/v3/requests/" + Guid.NewGuid(), Authorization = events },
            new("GET", "/v3/requests/{id}/results") { Path = $"/v3/requests/{dsrId}/results", Authorization = events },
            new("GET", "/v3/discovery") { Path = "/v3/discovery" },
            new("GET", "/v3/discovery/cert.pem") { Path = "/v3/discovery/cert.pem" },
            new("POST", "/identity/v1/identify") { Path = "/identity/v1/identify", Authorization = events, IgnoresUnknownProperties = true, Sample = IdentityBody },
            new("POST", "/identity/v1/login") { Path = "/identity/v1/login", Authorization = events, IgnoresUnknownProperties = true, Sample = IdentityBody },
            new("POST", "/identity/v1/search") { Path = "/identity/v1/search", Authorization = events, IgnoresUnknownProperties = true, Sample = IdentityBody },
            new("POST", "/identity/v1/logout") { Path = "/identity/v1/logout", Authorization = events, IgnoresUnknownProperties = true, Sample = """{"environment":"development","known_identities":{"device_application_stamp":"das-1"}}""" },
            new("POST", "/identity/v1/{mpid}/modify") { Path = $"/identity/v1/{mpid}/modify", Authorization = events, IgnoresUnknownProperties = true, Sample = """{"identity_changes":[{"identity_type":"email","old_value":null,"new_value":"b@example.com"}]}""" },
            new("GET", "/tags/JS/v2/{key}/config") { Path = $"/tags/JS/v2/{WebKey}/config?env=1" },
            new("POST", "/webevents/v3/JS/{key}/events") { Path = $"/webevents/v3/JS/{WebKey}/events", IgnoresUnknownProperties = true, Sample = batch, AlsoTakes = ["text/plain"] },
            new("POST", "/webevents/v1/JS/{key}/Forwarding") { Path = $"/webevents/v1/JS/{WebKey}/Forwarding" },
            new("POST", "/webevents/v2/JS/{key}/Forwarding") { Path = $"/webevents/v2/JS/{WebKey}/Forwarding" },
            new("POST", "/webevents/v1/identity/{key}/Alias")
            {
                Path = $"/webevents/v1/identity/{WebKey}/Alias",
                IgnoresUnknownProperties = true,
                Sample = """{"request_type":"alias","environment":"development","data":{"source_mpid":"1","destination_mpid":"2","start_unixtime_ms":1,"end_unixtime_ms":2}}""",
            },
            new("GET", "/admin/dsr") { Path = "/admin/dsr?limit=5", Authorization = admin },
            new("GET", "/admin/dsr/{id}") { Path = "/admin/dsr/" + dsrId, Authorization = admin },
            new("GET", "/admin/dsr/{id}/results") { Path = $"/admin/dsr/{dsrId}/results", Authorization = admin },
            new("GET", "/admin/processing") { Path = "/admin/processing", Authorization = admin },
            new("GET", "/admin/partitions") { Path = "/admin/partitions", Authorization = admin },
            new("GET", "/admin/audiences") { Path = "/admin/audiences", Authorization = admin },
            new("GET", "/admin/audiences/{id:int}") { Path = $"/admin/audiences/{Audience}", Authorization = admin },
            new("POST", "/admin/audiences") { Path = "/admin/audiences", Authorization = admin, Sample = audience },
            new("PUT", "/admin/audiences/{id:int}") { Path = "/admin/audiences/8", Authorization = admin, Sample = audience },
            new("DELETE", "/admin/audiences/{id:int}") { Path = "/admin/audiences/99", Authorization = admin },
            new("GET", "/admin/audiences/{id:int}/size") { Path = $"/admin/audiences/{Audience}/size", Authorization = admin },
            new("GET", "/admin/audiences/{id:int}/members") { Path = $"/admin/audiences/{Audience}/members?limit=5", Authorization = admin },
            new("GET", "/admin/profiles/{mpid}") { Path = "/admin/profiles/12", Authorization = admin },
            new("GET", "/admin/profiles") { Path = "/admin/profiles?identity=email&value=a@example.com", Authorization = admin },
            new("GET", "/admin/membership-changes") { Path = "/admin/membership-changes?limit=5", Authorization = admin },
            new("GET", "/admin/outputs") { Path = "/admin/outputs", Authorization = admin },
            new("GET", "/admin/outputs/{id}") { Path = "/admin/outputs/" + AudienceOutput, Authorization = admin },
            new("POST", "/admin/outputs/{id}/reconcile") { Path = $"/admin/outputs/{AudienceOutput}/reconcile", Authorization = admin, Sample = """{"external_ids":["hostile-1"]}""" },
            new("GET", "/admin/outputs/{id}/reconcile") { Path = $"/admin/outputs/{AudienceOutput}/reconcile", Authorization = admin },
            new("GET", "/admin/outputs/{id}/reconcile/{job}") { Path = $"/admin/outputs/{AudienceOutput}/reconcile/00000000-1", Authorization = admin },
            new("GET", "/admin/inputs") { Path = "/admin/inputs", Authorization = admin },
            new("POST", "/admin/inputs") { Path = "/admin/inputs", Authorization = admin, Sample = $$$"""{"id":"hostile-in","key":"hostile-in-key","secret":"{{{TestService.Secret}}}","rateLimit":{"batchesPerSecond":10}}""" },
            new("GET", "/admin/inputs/{id}") { Path = "/admin/inputs/hostile-in", Authorization = admin },
            new("PUT", "/admin/inputs/{id}") { Path = "/admin/inputs/hostile-in", Authorization = admin, Sample = """{"key":"hostile-in-key","name":"Hostile","strict":true}""" },
            new("DELETE", "/admin/inputs/{id}") { Path = "/admin/inputs/nobody", Authorization = admin },
            new("POST", "/admin/outputs") { Path = "/admin/outputs", Authorization = admin, Sample = """{"id":"hostile-out","type":"braze","settings":{"restApiKey":"hostile-rest-key","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}}""" },
            new("PUT", "/admin/outputs/{id}") { Path = "/admin/outputs/hostile-out", Authorization = admin, Sample = """{"type":"braze","settings":{"restApiKey":"hostile-rest-key-2","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}}""" },
            new("DELETE", "/admin/outputs/{id}") { Path = "/admin/outputs/nowhere", Authorization = admin },
            new("GET", "/admin/connections") { Path = "/admin/connections", Authorization = admin },
            new("POST", "/admin/connections") { Path = "/admin/connections", Authorization = admin, Sample = """{"input":"hostile-in","output":"hostile-out","active":true}""" },
            new("GET", "/admin/connections/{input}/{output}") { Path = "/admin/connections/hostile-in/hostile-out", Authorization = admin },
            new("PUT", "/admin/connections/{input}/{output}") { Path = "/admin/connections/hostile-in/hostile-out", Authorization = admin, Sample = """{"active":false,"echo":"forward"}""" },
            new("DELETE", "/admin/connections/{input}/{output}") { Path = "/admin/connections/nobody/nowhere", Authorization = admin },
            new("GET", "/admin/dead-letters") { Path = "/admin/dead-letters?limit=5", Authorization = admin },
            new("POST", "/admin/dead-letters/{id:long}/replay") { Path = "/admin/dead-letters/1/replay", Authorization = admin },
            new("GET", "/admin/audience-connections") { Path = "/admin/audience-connections", Authorization = admin },
            new("GET", "/admin/audience-connections/{output}/{audience:int}") { Path = $"/admin/audience-connections/{AudienceOutput}/{Audience}", Authorization = admin },
            new("PUT", "/admin/audience-connections/{output}/{audience:int}") { Path = $"/admin/audience-connections/{AudienceOutput}/{Audience}", Authorization = admin, Sample = """{"active":false}""" },
            new("POST", "/admin/audience-connections/{output}/{audience:int}/sync") { Path = $"/admin/audience-connections/{AudienceOutput}/{Audience}/sync", Authorization = admin },
            new("POST", "/admin/audience-connections/{output}/{audience:int}/cleanup") { Path = $"/admin/audience-connections/{AudienceOutput}/99/cleanup", Authorization = admin },
            new("DELETE", "/admin/audience-connections/{output}/{audience:int}") { Path = $"/admin/audience-connections/{AudienceOutput}/99", Authorization = admin },
        ];
    }

    /// <summary>What a refused request must leave as it was: the inbox, the audiences, the audience connections and the workspace's saved entries.</summary>
    private static async Task<string> StateAsync(TestService service)
    {
        var inbox = await service.Host.Inbox.CountAsync(default);
        var audiences = (await service.Host.Services.GetRequiredService<IAudienceStore>().ListAsync(CancellationToken.None)).Select(a => a.Id + ":" + a.UpdatedAtMs);
        var connections = (await service.Host.Services.GetRequiredService<IAudienceSyncStore>().AudienceConnectionsAsync(CancellationToken.None)).Select(c => $"{c.OutputId}/{c.AudienceId}:{c.Active}:{c.UpdatedAtMs}");
        var entries = (await service.Host.Services.GetRequiredService<IWorkspaceEntryStore>().WorkspaceEntriesAsync(CancellationToken.None)).Select(e => $"{e.Kind}:{e.Id}:{e.UpdatedAtMs}:{e.Json.GetHashCode(StringComparison.Ordinal)}");
        var live = service.Host.Services.GetRequiredService<LiveWorkspace>().Current;
        return $"inbox {inbox}; audiences {string.Join(",", audiences)}; connections {string.Join(",", connections)}; workspace {string.Join(",", entries)} ({live.Inputs.Count}/{live.Outputs.Count}/{live.Connections.Count})";
    }

    private static Task<HttpResponseMessage> SendAsync(TestService service, HostileRoute route, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.RequestMethod), route.Path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", route.Authorization);
        return service.Client.SendAsync(request);
    }

    private const string WebKey = "us1-hostile-web";

    private const string IdentityBody = """{"environment":"development","known_identities":{"customerid":"c-1","email":"a@example.com"}}""";

    /// <summary>A user the modify row can name (modify never creates one).</summary>
    private static async Task<string> IdentifyAsync(TestService service)
    {
        using var response = await service.PostAsync("/identity/v1/identify", IdentityBody);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["mpid"]!;
    }

    private static Task<TestService> StartAsync(LogRecorder logs) => TestService.StartAsync(
        new Workspace(
        [
            TestService.Feed("app", rateLimit: new FeedRateLimit(100_000, 100_000)),
            TestService.Feed("braze", rateLimit: new FeedRateLimit(100_000, 100_000)) with { Kind = InputFeedKind.BrazeUnbound },
            new InputFeed("site", "site", WebKey, "", null, new FeedRateLimit(100_000, 100_000)) { Kind = InputFeedKind.Web, Origins = ["*"] },
        ])
        {
            Outputs = [new OutputDefinition(AudienceOutput, OutputTypes.BrazeAudience, """{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
            Audiences = [$$$"""{"id":{{{Audience}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
        },
        runProcessor: false,
        logs: logs);
}
