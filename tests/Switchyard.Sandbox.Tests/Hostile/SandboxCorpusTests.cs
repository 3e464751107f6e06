using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Currents;
using Switchyard.Sandbox.Faults;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.Segments;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Sandbox.Users;
using Switchyard.Testing.Hostile;

namespace Switchyard.Sandbox.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (<see cref="HostileCorpus"/>) against every endpoint of the standalone sandbox, Braze
/// routes and <c>/_sandbox</c> control routes: never a 5xx, a hang or a refused request that changed state; a 4xx always
/// has the <c>{"message":…}</c> body. Endpoints are read from the running server, so a route added without a row in
/// <see cref="Routes"/> fails this test until it is covered.
/// </summary>
public sealed class SandboxCorpusTests
{
    [Fact]
    public async Task Every_route_answers_every_hostile_request_with_a_4xx_json_message_or_a_defined_2xx_and_keeps_serving()
    {
        using var logs = new LogRecorder();
        await using var sandbox = await SandboxHttp.StartAsync(
            options => options.Control.RateLimits = new SandboxRateLimitOptions { Enabled = false },
            services: s => s.AddLogging(l => l.AddProvider(logs)));
        var routes = Routes();
        var mapped = EndpointRoutes.Of(sandbox.Server.Services);
        Assert.True(mapped.Count > 20, "too few endpoints found: " + string.Join(", ", mapped));
        var uncovered = mapped.Except(routes.Select(r => r.Key)).ToList();
        Assert.True(uncovered.Count == 0, "Routes without a row in SandboxCorpusTests.Routes (add one): " + string.Join(", ", uncovered));
        var stale = routes.Select(r => r.Key).Except(mapped).ToList();
        Assert.True(stale.Count == 0, "Rows for routes the sandbox no longer maps: " + string.Join(", ", stale));

        var services = sandbox.Server.Services;
        var run = new HostileRun(sandbox.Server.BaseAddress, () => Task.FromResult(State(services)), body => body["message"] is JsonValue);
        foreach (var route in routes)
        {
            if (route.Sample is not null)
            {
                // The sample must get through, or every mutation of it would only test authentication.
                var (status, answer) = await SendAsync(sandbox, route, route.Sample);
                Assert.True((int)status is >= 200 and < 300, $"{route}: the sample was answered {(int)status}: {answer?.ToJsonString()}");
            }

            foreach (var hostile in HostileCorpus.RequestCases(route).Concat(HostileCorpus.MutationCases(route)))
            {
                await run.SendAsync(route, hostile);
            }

            // An accepted fault rule or rate limit must not change what the next route's requests meet.
            services.GetRequiredService<FaultSchedule>().Reset();
            services.GetRequiredService<RateLimitLedger>().Replace(new SandboxRateLimitOptions { Enabled = false });
        }

        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of {run.Sent} requests broke a rule:\n" + string.Join('\n', run.Failures.Take(60)));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);

        // Still serving: a good track request is applied.
        var track = routes.Single(r => r.Key == "POST /users/track");
        var (trackStatus, _) = await SendAsync(sandbox, track, track.Sample!);
        Assert.Equal(HttpStatusCode.Created, trackStatus);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    /// <summary>
    /// One row per endpoint, in an order where each sample finds what it needs (a user, a segment, a connector) and
    /// destructive routes come last.
    /// </summary>
    private static List<HostileRoute> Routes()
    {
        var key = "Bearer " + SandboxHttp.FullKey;
        return
        [
            new("POST", "/users/track")
            {
                Path = "/users/track",
                Authorization = key,
                Sample = """
                    {"attributes":[{"external_id":"u1","first_name":"Ada","email":"ada@example.com","logins":{"inc":1},"tags":{"add":["a"]}}],
                     "events":[{"external_id":"u1","name":"Played","time":"2026-11-01T10:00:00Z","properties":{"level":3}}],
                     "purchases":[{"external_id":"u1","product_id":"p1","currency":"EUR","price":9.99,"quantity":1,"time":"2026-11-01T10:00:00Z"}]}
                    """,
            },
            new("POST", "/users/export/ids") { Path = "/users/export/ids", Authorization = key, Sample = """{"external_ids":["u1"],"fields_to_export":["first_name","email"]}""" },
            new("POST", "/users/alias/new") { Path = "/users/alias/new", Authorization = key, Sample = """{"user_aliases":[{"external_id":"u1","alias_name":"a1","alias_label":"crm"}]}""" },
            new("POST", "/users/identify") { Path = "/users/identify", Authorization = key, Sample = """{"aliases_to_identify":[{"external_id":"u2","user_alias":{"alias_name":"a2","alias_label":"crm"}}]}""" },
            new("POST", "/users/merge") { Path = "/users/merge", Authorization = key, Sample = """{"merge_updates":[{"identifier_to_merge":{"external_id":"u3"},"identifier_to_keep":{"external_id":"u1"}}]}""" },
            new("POST", "/users/alias/update") { Path = "/users/alias/update", Authorization = key, Sample = """{"alias_updates":[{"alias_label":"crm","old_alias_name":"a1","new_alias_name":"a1b"}]}""" },
            new("POST", "/users/external_ids/rename") { Path = "/users/external_ids/rename", Authorization = key, Sample = """{"external_id_renames":[{"current_external_id":"u1","new_external_id":"u1-v2"}]}""" },
            new("POST", "/users/external_ids/remove") { Path = "/users/external_ids/remove", Authorization = key, Sample = """{"external_ids":["u1"]}""" },
            new("POST", "/users/delete") { Path = "/users/delete", Authorization = key, Sample = """{"external_ids":["gone-1"]}""" },
            new("POST", "/api/v3/data") { Path = "/api/v3/data/", Sample = WebSdkSample("""
                "events":[{"name":"ce","time":1767225600,"data":{"n":"Opened","p":{"plan":"gold"}},"user_id":"u1"},
                          {"name":"p","time":1767225600,"data":{"pid":"p1","c":"USD","p":"9.99","q":1},"user_id":"u1"},
                          {"name":"inc","time":1767225600,"data":{"key":"logins","value":1},"user_id":"u1"}],
                "attributes":[{"user_id":"u1","first_name":"Ada","custom":{"tier":"gold"}}]
                """), IgnoresUnknownProperties = true },
            new("POST", "/api/v3/content_cards/sync") { Path = "/api/v3/content_cards/sync", Sample = WebSdkSample("\"last_full_sync_at\":0"), IgnoresUnknownProperties = true },
            new("POST", "/api/v3/feature_flags/sync") { Path = "/api/v3/feature_flags/sync", Sample = WebSdkSample("\"respond_with\":{}"), IgnoresUnknownProperties = true },
            new("POST", "/api/v3/banners/sync") { Path = "/api/v3/banners/sync", Sample = WebSdkSample("\"respond_with\":{}"), IgnoresUnknownProperties = true },
            new("GET", "/_sandbox/users") { Path = "/_sandbox/users?page=1&page_size=5" },
            new("GET", "/_sandbox/datapoints") { Path = "/_sandbox/datapoints?key=" + SandboxHttp.FullKey },
            new("PUT", "/_sandbox/segments/{name}") { Path = "/_sandbox/segments/s", Sample = """{"filter":{"and":[{"attribute":"first_name","operator":"equals","value":"Ada"},{"attribute":"email","operator":"is_not_blank"}]}}""" },
            new("GET", "/_sandbox/segments") { Path = "/_sandbox/segments" },
            new("GET", "/_sandbox/segments/{name}") { Path = "/_sandbox/segments/s" },
            new("GET", "/_sandbox/segments/{name}/members") { Path = "/_sandbox/segments/s/members" },
            new("POST", "/_sandbox/segments/evaluate") { Path = "/_sandbox/segments/evaluate", Sample = """{"filter":{"attribute":"email","operator":"matches_regex","value":"example"}}""" },
            new("PUT", "/_sandbox/currents/connector") { Path = "/_sandbox/currents/connector", Sample = """{"url":"http://127.0.0.1:9/v2/bulkevents","api_key":"k","api_secret":"s","environment":"development"}""" },
            new("GET", "/_sandbox/currents/connector") { Path = "/_sandbox/currents/connector" },
            new("GET", "/_sandbox/currents/") { Path = "/_sandbox/currents" },
            new("POST", "/_sandbox/currents/campaigns") { Path = "/_sandbox/currents/campaigns", Sample = """{"segment":"s","campaign_name":"Spring","campaign_id":"c-1","channel":"email","open_share":0.5,"click_share":0.1}""" },
            new("DELETE", "/_sandbox/currents/connector") { Path = "/_sandbox/currents/connector" },
            new("POST", "/_sandbox/faults") { Path = "/_sandbox/faults", Sample = """{"kind":"latency","latency_ms":1,"path":"/users/merge","count":1}""" },
            new("GET", "/_sandbox/faults") { Path = "/_sandbox/faults" },
            new("DELETE", "/_sandbox/faults/{id}") { Path = "/_sandbox/faults/none" },
            new("DELETE", "/_sandbox/faults") { Path = "/_sandbox/faults" },
            new("GET", "/_sandbox/ratelimits") { Path = "/_sandbox/ratelimits" },
            new("PUT", "/_sandbox/ratelimits") { Path = "/_sandbox/ratelimits", Sample = """{"enabled":false,"track":{"limit":100000,"window_seconds":3}}""" },
            new("GET", "/_sandbox/requests") { Path = "/_sandbox/requests?limit=5" },
            new("DELETE", "/_sandbox/requests") { Path = "/_sandbox/requests" },
            new("DELETE", "/_sandbox/segments/{name}") { Path = "/_sandbox/segments/none" },
            new("DELETE", "/_sandbox/datapoints") { Path = "/_sandbox/datapoints" },
            new("POST", "/_sandbox/reset") { Path = "/_sandbox/reset" },
        ];
    }

    /// <summary>
    /// A Braze Web SDK body with the sandbox's default SDK key. The envelope ignores keys it does not use (time,
    /// sdk_version, respond_with, …), so an oddity placed in an unused key may be accepted.
    /// </summary>
    private static string WebSdkSample(string members) =>
        $$$"""{"api_key":"{{{SandboxOptions.DefaultSdkApiKey}}}","time":1767225600,"sdk_version":"6.13.0","device_id":"d1",{{{members}}}}""";

    /// <summary>What a refused request must leave as it was: users, data points, segments, faults, limits and the connector.</summary>
    private static string State(IServiceProvider services)
    {
        var store = services.GetRequiredService<UserStore>();
        var users = store.Snapshot().Select(u => u.BrazeId + "@" + u.UpdatedAt.UtcTicks);
        var points = store.ReportDataPoints(null);
        var segments = services.GetRequiredService<SegmentCatalog>().List().Select(s => s.Name + "@" + s.UpdatedAt.UtcTicks);
        var faults = services.GetRequiredService<FaultSchedule>().Active().Select(f => f.Id);
        var limits = services.GetRequiredService<RateLimitLedger>().Options;
        var connector = services.GetRequiredService<CurrentsConnectorStore>().Current;
        return $"users {string.Join(",", users)}; points {System.Text.Json.JsonSerializer.Serialize(points)}; segments {string.Join(",", segments)}; "
            + $"faults {string.Join(",", faults)}; limits {limits}; connector {connector}";
    }

    private static Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(SandboxHttp sandbox, HostileRoute route, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.RequestMethod), route.Path.TrimStart('/'))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", route.Authorization);
        return sandbox.SendAsync(request);
    }
}
