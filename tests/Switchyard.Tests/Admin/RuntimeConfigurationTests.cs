using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Admin;

/// <summary>
/// Inputs, outputs and connections created, changed and deleted through the admin API while the service runs: real HTTP
/// over loopback, real SQLite, Braze played by the sandbox.
/// </summary>
public sealed class RuntimeConfigurationTests
{
    private const string RestKey = "runtime-rest-key-0001";
    private const string FileOutput = "braze-file";

    [Fact]
    public async Task An_input_output_and_connection_created_at_run_time_carry_a_batch_to_braze_and_a_deleted_inputs_credentials_are_refused()
    {
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        await using var service = await TestService.StartAsync(FileWorkspace(sandbox));

        var input = await SendAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","name":"Shop","key":"shop-key","secret":"{{TestService.Secret}}"}""", HttpStatusCode.Created);
        Assert.Equal(("shop", "admin", "[redacted]"), ((string?)input["id"], (string?)input["source"], (string?)input["definition"]!["secret"]));
        Assert.DoesNotContain(TestService.Secret, input.ToJsonString(), StringComparison.Ordinal);
        var output = await SendAsync(service, HttpMethod.Post, "/admin/outputs", BrazeOutput("braze-rt", sandbox), HttpStatusCode.Created);
        Assert.Equal(("braze", "admin", "[redacted]"), ((string?)output["type"], (string?)output["source"], (string?)output["settings"]!["restApiKey"]));
        Assert.DoesNotContain(RestKey, output.ToJsonString(), StringComparison.Ordinal);
        var connection = await SendAsync(service, HttpMethod.Post, "/admin/connections", """{"input":"shop","output":"braze-rt"}""", HttpStatusCode.Created);
        Assert.Equal(("shop", "braze-rt", true), ((string?)connection["input"], (string?)connection["output"], (bool)connection["definition"]!["active"]!));

        using (var accepted = await service.PostAsync("/v2/events", Batch("rt-1", "first"), feedId: "shop"))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.HoldsAsync(
            async () => await sandbox.ExportAsync(RestKey, "rt-1", "custom_attributes") is { } user && (string?)user["custom_attributes"]?["plan"] == "first",
            TimeSpan.FromSeconds(30),
            "the batch sent with the new input's credentials reached Braze through the new output");

        // Changed: a new name, the secret left out (kept); the credentials still work.
        var changed = await SendAsync(service, HttpMethod.Put, "/admin/inputs/shop", """{"key":"shop-key","name":"Shop 2"}""", HttpStatusCode.OK);
        Assert.Equal("Shop 2", (string?)changed["definition"]!["name"]);
        using (var again = await service.PostAsync("/v2/events", Batch("rt-1", "second"), feedId: "shop"))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        // The connection is switched off: later batches are not queued for the output.
        await SendAsync(service, HttpMethod.Put, "/admin/connections/shop/braze-rt", """{"active":false}""", HttpStatusCode.OK);
        var listed = await GetAsync(service, "/admin/outputs");
        Assert.Contains(listed["outputs"]!.AsArray(), o => (string?)o!["id"] == "braze-rt" && (string?)o["source"] == "admin");

        // An input still connected cannot go; once its connection is deleted it can, and its credentials stop working.
        await SendAsync(service, HttpMethod.Delete, "/admin/inputs/shop", null, HttpStatusCode.Conflict);
        await SendAsync(service, HttpMethod.Delete, "/admin/connections/shop/braze-rt", null, HttpStatusCode.OK);
        await SendAsync(service, HttpMethod.Delete, "/admin/inputs/shop", null, HttpStatusCode.OK);
        using (var refused = await service.PostAsync("/v2/events", Batch("rt-1", "third"), feedId: "shop"))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"answered {(int)refused.StatusCode}");
        }

        await SendAsync(service, HttpMethod.Delete, "/admin/outputs/braze-rt", null, HttpStatusCode.OK);
        await SendAsync(service, HttpMethod.Get, "/admin/outputs/braze-rt", null, HttpStatusCode.NotFound);
        await SendAsync(service, HttpMethod.Get, "/admin/inputs/shop", null, HttpStatusCode.NotFound);
        await SendAsync(service, HttpMethod.Get, "/admin/connections/shop/braze-rt", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_output_connected_to_a_file_input_delivers_at_once_and_a_deleted_outputs_loop_stops()
    {
        using var logs = new LogRecorder();
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        await using var service = await TestService.StartAsync(FileWorkspace(sandbox), logs: logs);
        await SendAsync(service, HttpMethod.Post, "/admin/outputs", BrazeOutput("braze-rt", sandbox), HttpStatusCode.Created);
        await SendAsync(service, HttpMethod.Post, "/admin/connections", """{"input":"app","output":"braze-rt"}""", HttpStatusCode.Created);
        using (var accepted = await service.PostAsync("/v2/events", Batch("rt-2", "one")))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.HoldsAsync(
            async () => (long)(await GetAsync(service, "/admin/outputs/braze-rt"))["queued"]! == 0
                && await sandbox.ExportAsync(RestKey, "rt-2", "custom_attributes") is { } user && (string?)user["custom_attributes"]?["plan"] == "one",
            TimeSpan.FromSeconds(30),
            "the file's input reached Braze through the new output");

        Assert.Contains(logs.Entries, e => e.EventId == 1901 && e.Message.Contains("braze-rt", StringComparison.Ordinal));

        // Deleted (its connection first): its loop stops and it is no longer listed.
        await SendAsync(service, HttpMethod.Delete, "/admin/connections/app/braze-rt", null, HttpStatusCode.OK);
        var deleted = await SendAsync(service, HttpMethod.Delete, "/admin/outputs/braze-rt", null, HttpStatusCode.OK);
        Assert.Contains("delivery loop stops", (string?)deleted["note"], StringComparison.Ordinal);
        await logs.WaitForAsync(e => e.EventId == 1902 && e.Message.Contains("braze-rt", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var outputs = await GetAsync(service, "/admin/outputs");
        Assert.Equal([FileOutput], outputs["outputs"]!.AsArray().Select(o => (string?)o!["id"]));
    }

    [Fact]
    public async Task A_body_that_breaks_a_rule_of_the_workspace_file_is_refused_naming_the_field()
    {
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        await using var service = await TestService.StartAsync(FileWorkspace(sandbox), runProcessor: false);
        var secret = TestService.Secret;

        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", """{"id":"shop","key":"shop-key"}""", HttpStatusCode.BadRequest, "secret: is required.");
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","key":"shop-key","secret":"{{secret}}","strict":"yes"}""", HttpStatusCode.BadRequest, "strict: ");
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", """{"id":"shop","key":"shop-key","secret":"replace-with-a-random-secret"}""", HttpStatusCode.BadRequest, "secret: still the placeholder");
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","key":"shop-key","secret":"{{secret}}","colour":"red"}""", HttpStatusCode.BadRequest, "unknown field 'colour'.");
        await RefusedAsync(service, HttpMethod.Post, "/admin/outputs", """{"id":"x","type":"segment","settings":{}}""", HttpStatusCode.BadRequest, "type: 'segment' is not an output type");
        await RefusedAsync(service, HttpMethod.Post, "/admin/outputs", """{"id":"x","type":"braze","settings":{"restApiKey":"your-rest-api-key","instance":"US-01"}}""", HttpStatusCode.BadRequest, "settings.restApiKey: still the placeholder");
        await RefusedAsync(service, HttpMethod.Post, "/admin/outputs", """{"id":"x","type":"braze"}""", HttpStatusCode.BadRequest, "settings: is required and must be an object.");
        await RefusedAsync(service, HttpMethod.Post, "/admin/connections", """{"input":"app","output":"nowhere"}""", HttpStatusCode.BadRequest, "output: there is no output 'nowhere'.");
        await RefusedAsync(service, HttpMethod.Post, "/admin/connections", """{"input":"app","output":"braze-file","mode":"sideways"}""", HttpStatusCode.BadRequest, "mode: 'sideways' is not 'server' or 'kit'.");

        // Unknown ids.
        await RefusedAsync(service, HttpMethod.Get, "/admin/inputs/nobody", null, HttpStatusCode.NotFound, "There is no input 'nobody'.");
        await RefusedAsync(service, HttpMethod.Put, "/admin/inputs/nobody", $$"""{"key":"k-1","secret":"{{secret}}"}""", HttpStatusCode.NotFound, "There is no input 'nobody'.");
        await RefusedAsync(service, HttpMethod.Delete, "/admin/outputs/nowhere", null, HttpStatusCode.NotFound, "There is no output 'nowhere'.");
        await RefusedAsync(service, HttpMethod.Delete, "/admin/connections/app/nowhere", null, HttpStatusCode.NotFound, "There is no connection 'app/nowhere'.");

        // The file wins: its entries cannot be created again, changed or deleted.
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"app","key":"other-key","secret":"{{secret}}"}""", HttpStatusCode.Conflict, "The input 'app' is set in the workspace file, which wins");
        await RefusedAsync(service, HttpMethod.Put, "/admin/inputs/app", $$"""{"key":"app-key","secret":"{{secret}}"}""", HttpStatusCode.Conflict, "The input 'app' is set in the workspace file, which wins");
        await RefusedAsync(service, HttpMethod.Delete, $"/admin/outputs/{FileOutput}", null, HttpStatusCode.Conflict, $"The output '{FileOutput}' is set in the workspace file");
        await RefusedAsync(service, HttpMethod.Delete, $"/admin/connections/app/{FileOutput}", null, HttpStatusCode.Conflict, $"The connection 'app/{FileOutput}' is set in the workspace file");

        // Ids and keys in use.
        await SendAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","key":"shop-key","secret":"{{secret}}"}""", HttpStatusCode.Created);
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","key":"shop-key-2","secret":"{{secret}}"}""", HttpStatusCode.Conflict, "id: there is already an input 'shop'");
        await RefusedAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"other","key":"app-key","secret":"{{secret}}"}""", HttpStatusCode.Conflict, "key: is used by input 'app'");
        await RefusedAsync(service, HttpMethod.Put, "/admin/inputs/shop", """{"id":"renamed","key":"shop-key"}""", HttpStatusCode.BadRequest, "id: is 'renamed', but the path names 'shop'");

        var inputs = await GetAsync(service, "/admin/inputs");
        Assert.Equal(["app", "shop"], inputs["inputs"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal(["file", "admin"], inputs["inputs"]!.AsArray().Select(i => (string?)i!["source"]));
    }

    [Fact]
    public async Task What_was_created_at_run_time_is_still_there_and_working_after_a_restart()
    {
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        var workspace = FileWorkspace(sandbox);
        var service = await TestService.StartAsync(workspace);
        try
        {
            await SendAsync(service, HttpMethod.Post, "/admin/inputs", $$"""{"id":"shop","key":"shop-key","secret":"{{TestService.Secret}}"}""", HttpStatusCode.Created);
            await SendAsync(service, HttpMethod.Post, "/admin/outputs", BrazeOutput("braze-rt", sandbox), HttpStatusCode.Created);
            await SendAsync(service, HttpMethod.Post, "/admin/connections", """{"input":"shop","output":"braze-rt","echo":"forward"}""", HttpStatusCode.Created);

            service = await service.RestartAsync(workspace);

            Assert.Equal("admin", (string?)(await GetAsync(service, "/admin/inputs/shop"))["source"]);
            Assert.Equal("braze", (string?)(await GetAsync(service, "/admin/outputs/braze-rt"))["type"]);
            Assert.Equal("forward", (string?)(await GetAsync(service, "/admin/connections/shop/braze-rt"))["definition"]!["echo"]);
            using (var accepted = await service.PostAsync("/v2/events", Batch("rt-3", "after-restart"), feedId: "shop"))
            {
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            await Eventually.HoldsAsync(
                async () => await sandbox.ExportAsync(RestKey, "rt-3", "custom_attributes") is { } user && (string?)user["custom_attributes"]?["plan"] == "after-restart",
                TimeSpan.FromSeconds(30),
                "after the restart, the run-time input's batch reached Braze through the run-time output");
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_relay_to_the_services_own_listener_is_refused_as_the_workspace_file_refuses_it()
    {
        var port = FreePort();
        await using var service = await TestService.StartAsync(new Workspace([TestService.Feed("app")]), runProcessor: false, port: port);

        await RefusedAsync(
            service,
            HttpMethod.Post,
            "/admin/outputs",
            $$$"""{"id":"loop","type":"mparticle","settings":{"endpoint":"http://127.0.0.1:{{{port}}}","apiKey":"app-key","apiSecret":"{{{TestService.Secret}}}"}}""",
            HttpStatusCode.BadRequest,
            $"settings.endpoint: 'http://127.0.0.1:{port}' is this Switchyard's own listener");
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static Workspace FileWorkspace(BrazeSandbox sandbox) => new([TestService.Feed("app")])
    {
        Outputs = [new OutputDefinition(FileOutput, OutputTypes.Braze, BrazeSettings(sandbox))],
        Connections = [new Connection("app", FileOutput)],
    };

    private static string BrazeSettings(BrazeSandbox sandbox) =>
        $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{sandbox.Endpoint}}"}""";

    private static string BrazeOutput(string id, BrazeSandbox sandbox) =>
        $$"""{"id":"{{id}}","type":"braze","settings":""" + BrazeSettings(sandbox) + "}";

    private static string Batch(string customerId, string plan) => $$$"""
        {"environment":"development","user_identities":{"customer_id":"{{{customerId}}}"},"user_attributes":{"plan":"{{{plan}}}"},
         "events":[{"event_type":"custom_event","data":{"event_name":"Visited","custom_event_type":"other"}}]}
        """;

    private static async Task<JsonNode> SendAsync(TestService service, HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var answer = await service.AdminAsync(method, path, body);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == expected, $"{method} {path}: expected {(int)expected}, answered {(int)answer.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static Task<JsonNode> GetAsync(TestService service, string path) => SendAsync(service, HttpMethod.Get, path, null, HttpStatusCode.OK);

    private static async Task RefusedAsync(TestService service, HttpMethod method, string path, string? body, HttpStatusCode expected, string message)
    {
        var answer = await SendAsync(service, method, path, body, expected);
        var error = (string?)answer["errors"]![0]!["message"];
        Assert.True(error?.StartsWith(message, StringComparison.Ordinal) == true, $"{method} {path}: '{error}' does not start with '{message}'");
    }
}
