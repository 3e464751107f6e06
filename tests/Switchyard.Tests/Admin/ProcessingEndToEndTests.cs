using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Workspace;
using Switchyard.Processing;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Admin;

/// <summary>Batches in through the Events API; profiles and audience membership out through the admin API.</summary>
public sealed class ProcessingEndToEndTests
{
    private const string IbizaDreamers = """
        {"id":11036,"name":"Ibiza dreamers","criteria":{"and":[
          {"attribute":"$Country","operator":"equals","value":"es"},
          {"event":{"type":"custom_event","name":"Played"},"count":{"operator":"at_least","value":2},"within_days":30}]}}
        """;

    [Fact]
    public async Task A_user_posted_through_the_events_api_is_resolved_profiled_and_joins_an_audience()
    {
        await using var service = await TestService.StartAsync();
        using var defined = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/11036", IbizaDreamers);
        Assert.Equal(HttpStatusCode.Created, defined.StatusCode);

        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        using var first = await service.PostAsync("/v2/events", UserBatch("c-1", "a@example.com", "ES", now - 60_000, "Played"));
        using var second = await service.PostAsync("/v2/events", UserBatch("c-1", null, null, now, "Played"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);

        var profile = await WaitForProfileAsync(service, "customer_id", "c-1", p => p["audiences"]!.AsArray().Count == 1);
        Assert.Equal("a@example.com", (string?)profile["user_identities"]!["email"]);
        Assert.Equal("ES", (string?)profile["attributes"]!["$Country"]);
        Assert.Equal(11036, (int)profile["audiences"]![0]!["id"]!);
        Assert.Equal("Ibiza dreamers", (string?)profile["audiences"]![0]!["name"]);
        var played = profile["events"]!.AsArray().Single(e => (string?)e!["key"] == "custom_event:Played")!;
        Assert.Equal(2, (int)played["total"]!);

        // The same user is found by email, and the audience reports its size, members and the change log.
        var byEmail = await GetJsonAsync(service, "/admin/profiles?identity=email&value=a@example.com");
        Assert.Equal((string?)profile["mpid"], (string?)byEmail["mpid"]);
        Assert.Equal(1, (int)(await GetJsonAsync(service, "/admin/audiences/11036/size"))["size"]!);
        Assert.Equal((string?)profile["mpid"], (string?)(await GetJsonAsync(service, "/admin/audiences/11036/members"))["mpids"]![0]);
        var change = Assert.Single((await GetJsonAsync(service, "/admin/membership-changes"))["changes"]!.AsArray())!;
        Assert.Equal(("add", 11036), ((string?)change["action"], (int)change["audience_id"]!));
    }

    [Fact]
    public async Task An_anonymous_device_that_logs_in_is_linked_to_one_profile()
    {
        await using var service = await TestService.StartAsync();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        using var anonymous = await service.PostAsync("/v2/events", $$$"""
            {"environment":"development","device_info":{"ios_idfv":"IDFV-1"},"user_attributes":{"plan":"trial"},
             "events":[{"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":{{{now - 1000}}}}}]}
            """);
        var before = await WaitForProfileAsync(service, "device:ios_idfv", "IDFV-1", _ => true);

        using var login = await service.PostAsync("/v2/events", $$$"""
            {"environment":"development","device_info":{"ios_idfv":"IDFV-1"},"user_identities":{"customerid":"c-9"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Logged In","custom_event_type":"other","timestamp_unixtime_ms":{{{now}}}}}]}
            """);
        var after = await WaitForProfileAsync(service, "customer_id", "c-9", _ => true);

        Assert.Equal((string?)before["mpid"], (string?)after["mpid"]);
        Assert.Equal("trial", (string?)after["attributes"]!["plan"]);
        Assert.Equal("IDFV-1", (string?)after["device_identities"]!["ios_idfv"]);
    }

    [Fact]
    public async Task Membership_in_a_time_window_expires_when_the_window_passes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Audiences = ["""{"id":7,"name":"Recent players","criteria":{"event":{"type":"custom_event","name":"Played"},"within_days":7}}"""],
        };
        await using var service = await TestService.StartAsync(workspace, time);
        using var posted = await service.PostAsync("/v2/events", UserBatch("c-7", null, null, time.GetUtcNow().ToUnixTimeMilliseconds(), "Played"));
        await WaitForProfileAsync(service, "customer_id", "c-7", p => p["audiences"]!.AsArray().Count == 1);

        time.Advance(TimeSpan.FromDays(7) + ProcessorWorker.TimeWindowSweep);
        var expired = await WaitForProfileAsync(service, "customer_id", "c-7", p => p["audiences"]!.AsArray().Count == 0);

        Assert.Empty(expired["audiences"]!.AsArray());
        var actions = (await GetJsonAsync(service, "/admin/membership-changes"))["changes"]!.AsArray().Select(c => (string?)c!["action"]);
        Assert.Equal(["add", "remove"], actions);
    }

    [Fact]
    public async Task Only_time_passing_moves_a_user_into_and_out_of_an_audience_through_the_expiry_index()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Audiences =
            [
                """{"id":8,"name":"Trial ends soon","criteria":{"attribute":"trial_ends","operator":"within_next_days","value":3}}""",
                """{"id":9,"name":"Quiet for a day","criteria":{"and":[{"seen":"first","operator":"exists"},{"not":{"event":{"type":"custom_event","name":"Played"},"within_days":1}}]}}""",
            ],
        };
        await using var service = await TestService.StartAsync(workspace, time);
        var trialEnds = time.GetUtcNow().AddDays(5).ToString("O", CultureInfo.InvariantCulture);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var posted = await service.PostAsync("/v2/events", $$$"""
            {"environment":"development","user_identities":{"customer_id":"c-8"},"user_attributes":{"trial_ends":"{{{trialEnds}}}"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"other","timestamp_unixtime_ms":{{{nowMs}}} } } ]}
            """);
        await WaitForProfileAsync(service, "customer_id", "c-8", p => p["audiences"] is not null, time);

        // A day later the Played event leaves its window: the user joins "quiet" with no new batch.
        time.Advance(TimeSpan.FromDays(1) + ProcessorWorker.TimeWindowSweep);
        await WaitForProfileAsync(service, "customer_id", "c-8", p => Audiences(p) is [9], time);

        // Two days before the trial ends it comes within the next 3 days: the user joins.
        time.Advance(TimeSpan.FromDays(1) + ProcessorWorker.TimeWindowSweep);
        await WaitForProfileAsync(service, "customer_id", "c-8", p => Audiences(p) is [8, 9], time);

        // Once the trial has ended, the user leaves.
        time.Advance(TimeSpan.FromDays(3) + ProcessorWorker.TimeWindowSweep);
        var left = await WaitForProfileAsync(service, "customer_id", "c-8", p => Audiences(p) is [9], time);

        Assert.Equal([9], Audiences(left));
        var changes = (await GetJsonAsync(service, "/admin/membership-changes"))["changes"]!.AsArray()
            .Select(c => $"{(string?)c!["action"]} {(int)c["audience_id"]!}");
        Assert.Equal(["add 9", "add 8", "remove 8"], changes);
    }

    private static int[] Audiences(JsonNode profile) => [.. profile["audiences"]!.AsArray().Select(a => (int)a!["id"]!).Order()];

    [Fact]
    public async Task Extreme_numbers_and_times_from_a_client_still_give_a_readable_profile()
    {
        await using var service = await TestService.StartAsync();
        using var posted = await service.PostAsync("/v2/events", """
            {"environment":"development","user_identities":{"customer_id":"odd"},
             "user_attributes":{"n":1e400,"big":9007199254740993},
             "events":[{"event_type":"custom_event","data":{"event_name":"Late","custom_event_type":"other","timestamp_unixtime_ms":9223372036854775807}}]}
            """);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var profile = await WaitForProfileAsync(service, "customer_id", "odd", _ => true);

        Assert.Equal("1e400", (string?)profile["attributes"]!["n"]);
        Assert.Equal("9007199254740993", profile["attributes"]!["big"]!.ToJsonString());
        Assert.True(DateTimeOffset.Parse((string)profile["last_seen"]!, CultureInfo.InvariantCulture) < TimeProvider.System.GetUtcNow().AddHours(1));
    }

    [Fact]
    public async Task The_admin_api_needs_the_token_and_validates_audiences_with_the_field_named()
    {
        await using var service = await TestService.StartAsync();

        using var missing = await service.AdminAsync(HttpMethod.Get, "/admin/audiences", token: null);
        using var wrong = await service.AdminAsync(HttpMethod.Get, "/admin/audiences", token: "not-the-token-0000000000000");
        using var invalid = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/5", """{"id":5,"name":"X","criteria":{"attribute":"plan","operator":"most","value":"x"}}""");
        using var mismatch = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/5", """{"id":6,"name":"X","criteria":{"identity":"email"}}""");
        using var dangling = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/5", """{"id":5,"name":"X","criteria":{"member_of":99}}""");
        using var unknownProfile = await service.AdminAsync(HttpMethod.Get, "/admin/profiles/12345");
        using var badMpid = await service.AdminAsync(HttpMethod.Get, "/admin/profiles/twelve");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("criteria.operator", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, dangling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProfile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMpid.StatusCode);
    }

    [Fact]
    public async Task Audiences_can_be_created_replaced_listed_and_deleted_unless_another_uses_them()
    {
        await using var service = await TestService.StartAsync();

        using var created = await service.AdminAsync(HttpMethod.Post, "/admin/audiences", """{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""");
        using var again = await service.AdminAsync(HttpMethod.Post, "/admin/audiences", """{"id":1,"name":"Pro","criteria":{"identity":"email"}}""");
        using var replaced = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/1", """{"id":1,"name":"Pro users","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""");
        using var user = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/2", """{"id":2,"name":"Not pro","criteria":{"not":{"member_of":1}}}""");
        using var inUse = await service.AdminAsync(HttpMethod.Delete, "/admin/audiences/1");
        var listed = (await GetJsonAsync(service, "/admin/audiences"))["audiences"]!.AsArray();
        using var deletedUser = await service.AdminAsync(HttpMethod.Delete, "/admin/audiences/2");
        using var deleted = await service.AdminAsync(HttpMethod.Delete, "/admin/audiences/1");
        using var gone = await service.AdminAsync(HttpMethod.Get, "/admin/audiences/1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal(["Pro users", "Not pro"], listed.Select(a => (string?)a!["name"]));
        Assert.Equal(HttpStatusCode.NoContent, deletedUser.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Putting_an_identical_definition_again_changes_nothing()
    {
        await using var service = await TestService.StartAsync();
        const string Pro = """{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""";
        using var created = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/1", Pro);
        var store = (Core.Audiences.IAudienceStore)service.Host.Services.GetService(typeof(Core.Audiences.IAudienceStore))!;
        var version = await store.GetVersionAsync(CancellationToken.None);

        using var again = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/1", Pro);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(version, await store.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_audience_looking_back_further_than_events_are_kept_is_refused()
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.AdminAsync(HttpMethod.Put, "/admin/audiences/8",
            """{"id":8,"name":"Quarterly buyers","criteria":{"event":{"type":"commerce_event","action":"purchase"},"within_days":90}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("criteria.within_days", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_audience_looking_back_too_far_stops_start_up_naming_it()
    {
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Audiences = ["""{"id":8,"name":"Quarterly buyers","criteria":{"event":{"type":"commerce_event","action":"purchase"},"within_days":90}}"""],
        };

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => TestService.StartAsync(workspace));

        Assert.Contains("audiences[0].criteria.within_days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_processed_batch_is_queued_once_for_every_active_connection_of_its_input()
    {
        var workspace = new Workspace([TestService.Feed("app"), TestService.Feed("other")])
        {
            Outputs = [new OutputDefinition("braze", "braze", """{"restApiKey":"k"}"""), new OutputDefinition("paused", "braze", """{"restApiKey":"k"}""")],
            Connections = [new Connection("app", "braze"), new Connection("app", "paused", Active: false), new Connection("other", "paused")],
        };
        await using var service = await TestService.StartAsync(workspace);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        using var first = await service.PostAsync("/v2/events", UserBatch("q-1", null, null, now, "Played"));
        using var second = await service.PostAsync("/v2/events", UserBatch("q-2", null, null, now, "Played"));
        await WaitForProfileAsync(service, "customer_id", "q-2", _ => true);

        var delivery = (Core.Delivery.IDeliveryStore)service.Host.Services.GetService(typeof(Core.Delivery.IDeliveryStore))!;
        var queued = await delivery.ClaimDueAsync("braze", long.MaxValue, 10, default);

        Assert.Equal(2, queued.Count);
        Assert.Equal(0, await delivery.CountQueuedAsync("paused", default));
        Assert.All(queued, item => Assert.Matches("""^\{"seq":\d+\}$""", item.Payload));
    }

    [Fact]
    public async Task An_output_with_invalid_settings_stops_start_up_naming_the_field()
    {
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", """{"restApiKey":"k","instance":"MARS-01"}""")],
        };

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => TestService.StartAsync(workspace));

        Assert.Contains("outputs[0].settings.instance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api()
    {
        await using var service = await TestService.StartAsync();

        var document = JsonNode.Parse(await service.Client.GetStringAsync("/openapi/v1.json"))!;

        Assert.NotNull(document["paths"]!["/admin/audiences/{id}"]);
        Assert.NotNull(document["paths"]!["/admin/profiles/{mpid}"]);
        Assert.NotNull(document["paths"]!["/v2/events"]);
    }

    private static string UserBatch(string customerId, string? email, string? country, long atMs, string eventName)
    {
        var identities = new JsonObject { ["customer_id"] = customerId };
        if (email is not null)
        {
            identities["email"] = email;
        }

        var attributes = new JsonObject();
        if (country is not null)
        {
            attributes["$country"] = country;
        }

        var data = new JsonObject { ["event_name"] = eventName, ["custom_event_type"] = "other", ["timestamp_unixtime_ms"] = atMs };
        return new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = identities,
            ["user_attributes"] = attributes,
            ["timestamp_unixtime_ms"] = atMs,
            ["events"] = new JsonArray(new JsonObject { ["event_type"] = "custom_event", ["data"] = data }),
        }.ToJsonString();
    }

    private static async Task<JsonNode> GetJsonAsync(TestService service, string path)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Processing is asynchronous: poll the admin API until the profile shows what the test waits for.</summary>
    /// <param name="time">
    /// The service's fake clock, moved on a second per attempt as a real one would: a wait the processor starts just
    /// after the test's own jump of the clock ends only when the clock moves again.
    /// </param>
    private static async Task<JsonNode> WaitForProfileAsync(TestService service, string identity, string value, Func<JsonNode, bool> ready, FakeTimeProvider? time = null)
    {
        JsonNode? last = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await service.AdminAsync(HttpMethod.Get, $"/admin/profiles?identity={Uri.EscapeDataString(identity)}&value={Uri.EscapeDataString(value)}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (ready(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
            time?.Advance(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException($"The profile {identity}={value} never got ready; last seen: {last?.ToJsonString()}");
    }
}
