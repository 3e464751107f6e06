using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.AudienceSync;

/// <summary>
/// The seed's cohort-import walkthrough over real sockets: the Events API in, an audience evaluated, its membership in
/// the Braze sandbox as attributes, and sandbox segments built on them; plus the connection lifecycle through the
/// admin API (deactivate and delete send nothing, clean-up is explicit).
/// </summary>
public sealed class AudienceSyncEndToEndTests : IAsyncLifetime
{
    private const string RestKey = "audience-e2e-rest-key-0123";
    private const string Output = "braze-audiences";
    private const int Dreamers = 11036;

    private SandboxServer _sandbox = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        _sandbox = await SandboxServer.StartAsync(options);
        _control = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        await PutSegmentAsync("by-string", """{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"11036"}}""");
        await PutSegmentAsync("by-boolean", """{"filter":{"attribute":"In Ibiza dreamers","operator":"is_true"}}""");
        await PutSegmentAsync("by-array", """{"filter":{"attribute":"SegmentMembershipArray","operator":"includes_value","value":"11036"}}""");
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Members_of_ibiza_dreamers_appear_in_braze_segments_on_segment_membership_and_on_in_ibiza_dreamers_and_leave_both(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("string_and_per_segment", connected: true, storage);

        await PostAsync(service, "u1", "ibiza");
        await PostAsync(service, "u2", "paris");
        await WaitForMembersAsync("by-string", ["u1"]);
        await WaitForMembersAsync("by-boolean", ["u1"]);
        var before = await DataPointsAsync();

        await PostAsync(service, "u1", "paris");
        await WaitForMembersAsync("by-string", []);
        await WaitForMembersAsync("by-boolean", []);

        // Leaving costs what Braze bills for that change: the string rewritten (1) and the boolean set to false (1).
        Assert.Equal(2, await DataPointsAsync() - before);
        var u1 = (await ExportAsync("u1"))!;
        Assert.Equal(false, (bool?)u1["custom_attributes"]!["In Ibiza dreamers"]);
        Assert.Null(u1["custom_attributes"]!["SegmentMembership"]);
        // A user who was never a member costs nothing: the audience output never sent them anything.
        Assert.Null(await ExportAsync("u2"));
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task An_anonymous_member_is_skipped_until_they_log_in_and_then_appears_in_braze_without_a_membership_change(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("single_string", connected: true, storage);
        var anonymous = new JsonObject
        {
            ["environment"] = "development",
            ["device_info"] = new JsonObject { ["ios_idfv"] = "5C0B7E4B-0000-4000-8000-000000000001" },
            ["user_attributes"] = new JsonObject { ["dream"] = "ibiza" },
        };
        using (var posted = await service.PostAsync("/v2/events", anonymous.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        await WaitAsync(async () => (int)(await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audiences/{Dreamers}/size"))["size"]! == 1);
        await WaitAsync(async () =>
        {
            var view = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
            return (long)view["output_log_behind"]! == 0 && (long)view["output_queued"]! == 0;
        });
        Assert.Empty(await SegmentAsync("by-string"));

        var login = new JsonObject
        {
            ["environment"] = "development",
            ["device_info"] = new JsonObject { ["ios_idfv"] = "5C0B7E4B-0000-4000-8000-000000000001" },
            ["user_identities"] = new JsonObject { ["customer_id"] = "later" },
        };
        using (var posted = await service.PostAsync("/v2/events", login.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        await WaitForMembersAsync("by-string", ["later"]);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Connecting_an_existing_audience_through_the_admin_api_syncs_its_current_members_with_progress(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("single_array", connected: false, storage);
        await PostAsync(service, "u1", "ibiza");
        await PostAsync(service, "u2", "ibiza");
        await WaitAsync(async () => (int)(await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audiences/{Dreamers}/size"))["size"]! == 2);

        using var connected = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", "{}");
        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        await WaitForMembersAsync("by-array", ["u1", "u2"]);

        await WaitAsync(async () =>
        {
            var view = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
            return (string?)view["job"]!["state"] == "done" && (int)view["job"]!["percent"]! == 100 && (long)view["job"]!["processed"]! >= 2;
        });
        var listed = await AdminJsonAsync(service, HttpMethod.Get, "/admin/audience-connections");
        Assert.Equal("active", (string?)listed["connections"]![0]!["state"]);
        Assert.Equal("Ibiza dreamers", (string?)listed["connections"]![0]!["external_name"]);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_deactivated_connection_sends_nothing_says_so_and_catches_up_when_activated_again(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("single_string", connected: true, storage);
        await PostAsync(service, "u1", "ibiza");
        await WaitForMembersAsync("by-string", ["u1"]);

        var deactivated = await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":false}""");
        await PostAsync(service, "u1", "paris");
        await PostAsync(service, "u2", "ibiza");
        await WaitAsync(async () => await MembersAsync(service) is ["u2"]);
        await WaitForQueueEmptyAsync(service);

        Assert.Equal("inactive", (string?)deactivated["state"]);
        Assert.Contains("Nothing was sent to Braze", (string?)deactivated["note"], StringComparison.Ordinal);
        Assert.Equal(["u1"], await SegmentAsync("by-string"));

        await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":true}""");
        await WaitForMembersAsync("by-string", ["u2"]);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Deleting_the_connection_or_the_audience_sends_nothing_and_the_answers_say_what_braze_keeps(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("one_attribute_per_segment", connected: true, storage);
        await PostAsync(service, "u1", "ibiza");
        await WaitForMembersAsync("by-boolean", ["u1"]);

        var deleted = await AdminJsonAsync(service, HttpMethod.Delete, $"/admin/audience-connections/{Output}/{Dreamers}");
        await PostAsync(service, "u1", "paris");
        await WaitAsync(async () => (await MembersAsync(service)).Count == 0);
        await WaitForQueueEmptyAsync(service);

        Assert.Contains("Nothing was sent to Braze", (string?)deleted["note"], StringComparison.Ordinal);
        Assert.Equal(["u1"], await SegmentAsync("by-boolean"));
        using var missing = await service.AdminAsync(HttpMethod.Delete, $"/admin/audience-connections/{Output}/{Dreamers}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", "{}");
        var audienceDeleted = await AdminJsonAsync(service, HttpMethod.Delete, $"/admin/audiences/{Dreamers}");
        Assert.Equal([Output], audienceDeleted["connected_outputs"]!.AsArray().Select(o => (string?)o));
        Assert.Contains("Nothing was sent to Braze", (string?)audienceDeleted["note"], StringComparison.Ordinal);
        var view = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
        Assert.Equal("audience_deleted", (string?)view["state"]);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_deleted_and_recreated_audience_needs_its_connection_activated_again_and_that_sync_takes_out_who_left_meanwhile(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("single_string", connected: true, storage);
        await PostAsync(service, "u1", "ibiza");
        await WaitForMembersAsync("by-string", ["u1"]);

        await AdminJsonAsync(service, HttpMethod.Delete, $"/admin/audiences/{Dreamers}");
        await PostAsync(service, "u1", "paris");
        await WaitAsync(async () => (string?)(await AdminJsonAsync(service, HttpMethod.Get, "/admin/profiles?identity=customer_id&value=u1"))["attributes"]?["dream"] == "paris", "u1's leave");

        // The audience sync worker follows the log every 200 ms when idle: let it pass u1's leave while the audience is gone.
        await Task.Delay(1000);
        await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audiences/{Dreamers}", $$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""");
        await PostAsync(service, "u2", "ibiza");
        await WaitAsync(async () => await MembersAsync(service) is ["u2"]);
        await WaitForQueueEmptyAsync(service);

        // Recreated, the audience's connection does not come back active on its own: u1 left while it was deleted,
        // and only a sync (started by activating) finds that out.
        var recreated = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
        Assert.Equal("inactive", (string?)recreated["state"]);
        Assert.Equal(["u1"], await SegmentAsync("by-string"));

        await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":true}""");
        await WaitForMembersAsync("by-string", ["u2"]);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task The_opt_in_clean_up_removes_the_audience_attributes_from_every_user_through_delivery(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        await using var service = await StartAsync("all", connected: true, storage);
        await PostAsync(service, "u1", "ibiza");
        await PostAsync(service, "u2", "ibiza");
        await WaitForMembersAsync("by-string", ["u1", "u2"]);
        await WaitForMembersAsync("by-array", ["u1", "u2"]);
        await WaitForMembersAsync("by-boolean", ["u1", "u2"]);

        using var cleanup = await service.AdminAsync(HttpMethod.Post, $"/admin/audience-connections/{Output}/{Dreamers}/cleanup");
        Assert.Equal(HttpStatusCode.Accepted, cleanup.StatusCode);

        await WaitForMembersAsync("by-string", []);
        await WaitForMembersAsync("by-array", []);
        await WaitForMembersAsync("by-boolean", []);
        var u1 = (await ExportAsync("u1"))!["custom_attributes"];
        Assert.Null(u1?["In Ibiza dreamers"]);
        Assert.Null(u1?["SegmentMembership"]);
        var view = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
        Assert.Equal(("inactive", "clean_up", "done"), ((string?)view["state"], (string?)view["job"]!["kind"], (string?)view["job"]!["state"]));
    }

    [Fact]
    public async Task Bad_admin_input_gets_a_4xx_naming_what_is_wrong()
    {
        await using var service = await StartAsync("single_string", connected: false);

        using var unknownOutput = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/nope/{Dreamers}", "{}");
        using var unknownAudience = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/4242", "{}");
        using var badBody = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":"yes"}""");
        using var notJson = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", "{active");
        using var tooLarge = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", new JsonObject { ["active"] = true, ["pad"] = new string('x', 5000) }.ToJsonString());
        using var notConnected = await service.AdminAsync(HttpMethod.Post, $"/admin/audience-connections/{Output}/{Dreamers}/cleanup");
        await AdminJsonAsync(service, HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":false}""");
        using var syncInactive = await service.AdminAsync(HttpMethod.Post, $"/admin/audience-connections/{Output}/{Dreamers}/sync");

        Assert.Equal(HttpStatusCode.NotFound, unknownOutput.StatusCode);
        Assert.Contains("no audience output 'nope'", await unknownOutput.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownAudience.StatusCode);
        Assert.Contains("no audience 4242", await unknownAudience.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Contains("active:", await badBody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notConnected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, syncInactive.StatusCode);
    }

    [Fact]
    public async Task Two_audience_outputs_sending_the_single_string_with_the_same_key_are_warned_about()
    {
        var workspace = Workspace("single_string", connected: false);
        workspace = workspace with { Outputs = [.. workspace.Outputs, new OutputDefinition("second", OutputTypes.BrazeAudience, Settings("array_and_string"))] };
        await using var service = await TestService.StartAsync(workspace);

        var listed = await AdminJsonAsync(service, HttpMethod.Get, "/admin/audience-connections");

        var warning = Assert.Single(listed["warnings"]!.AsArray());
        Assert.Contains($"'{Output}', 'second'", (string?)warning, StringComparison.Ordinal);
        var detail = await AdminJsonAsync(service, HttpMethod.Get, "/admin/outputs/second");
        Assert.DoesNotContain(RestKey, detail.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<TestService> StartAsync(string sendSegmentsAs, bool connected, ServeStorage? storage = null) =>
        await TestService.StartAsync(Workspace(sendSegmentsAs, connected), storage: storage);

    private Workspace Workspace(string sendSegmentsAs, bool connected) =>
        new([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition(Output, OutputTypes.BrazeAudience, Settings(sendSegmentsAs))],
            Audiences = [$$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
            AudienceConnections = connected ? [new AudienceConnectionDefinition(Output, Dreamers)] : [],
        };

    private string Settings(string sendSegmentsAs) => new JsonObject
    {
        ["restApiKey"] = RestKey,
        ["instance"] = "Custom",
        ["customRestEndpoint"] = _sandbox.BaseAddress.ToString().TrimEnd('/'),
        ["sendSegmentsAs"] = sendSegmentsAs,
    }.ToJsonString();

    private static async Task PostAsync(TestService service, string customerId, string dream)
    {
        var batch = new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = new JsonObject { ["customer_id"] = customerId },
            ["user_attributes"] = new JsonObject { ["dream"] = dream },
        };
        using var response = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<JsonNode> AdminJsonAsync(TestService service, HttpMethod method, string path, string? json = null)
    {
        using var response = await service.AdminAsync(method, path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The customer ids of the audience's members, through the admin API.</summary>
    private static async Task<List<string>> MembersAsync(TestService service)
    {
        var members = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/audiences/{Dreamers}/members");
        var ids = new List<string>();
        foreach (var mpid in members["mpids"]!.AsArray())
        {
            var profile = await AdminJsonAsync(service, HttpMethod.Get, $"/admin/profiles/{(string?)mpid}");
            ids.Add((string)profile["user_identities"]!["customer_id"]!);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static Task WaitForQueueEmptyAsync(TestService service) =>
        WaitAsync(async () => (long)(await AdminJsonAsync(service, HttpMethod.Get, $"/admin/outputs/{Output}"))["queued"]! == 0);

    private async Task PutSegmentAsync(string name, string json)
    {
        using var response = await _control.PutAsync($"_sandbox/segments/{name}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> SegmentAsync(string name)
    {
        var members = JsonNode.Parse(await _control.GetStringAsync($"_sandbox/segments/{name}/members"))!["members"]!.AsArray();
        return [.. members.Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];
    }

    private Task WaitForMembersAsync(string segment, string[] expected) =>
        WaitAsync(async () => (await SegmentAsync(segment)).SequenceEqual(expected), $"segment {segment} = [{string.Join(", ", expected)}]");

    private async Task<long> DataPointsAsync() =>
        (long)JsonNode.Parse(await _control.GetStringAsync("_sandbox/datapoints"))!["total"]!["total"]!;

    private async Task<JsonNode?> ExportAsync(string externalId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent($$"""{"external_ids":["{{externalId}}"],"fields_to_export":["external_id","custom_attributes"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await _control.SendAsync(request);
        var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
        return users.Count == 0 ? null : users[0];
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string? what = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what ?? "the condition"}.");
    }
}
