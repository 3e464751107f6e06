using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// <c>switchyard replay</c> against a real service whose Braze output is a sandbox started by the test: a dead letter is
/// made by a REST key the sandbox does not know (Braze answers 401, the item is rejected), then the service restarts
/// with the right key and the dead letter is priced and replayed through the CLI.
/// </summary>
public sealed class ReplayCommandTests
{
    private const string RestKey = "replay-rest-key-0123456789";

    [Fact]
    public async Task A_dry_run_prices_a_dead_letter_without_sending_and_a_replay_delivers_it_for_that_price()
    {
        await using var braze = await BrazeSandbox.StartAsync(RestKey);
        var (service, letter) = await DeadLetterAsync(braze, "replayed-1");
        await using var running = service;
        var id = (long)letter["id"]!;
        Assert.Equal(("2", "1", "0"), ((string?)letter["replay_cost"]!["attributes"]!.ToString(), letter["replay_cost"]!["events"]!.ToString(), letter["replay_cost"]!["purchases"]!.ToString()));
        var token = new Dictionary<string, string> { ["SWITCHYARD_ADMIN_TOKEN"] = service.Host.AdminToken };

        var dry = await CliRun.RunAsync(token, "replay", "--url", Url(service), "--all", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("dry run: nothing was sent", dry.Output, StringComparison.Ordinal);
        Assert.Matches($@"│\s*{id}\s*│\s*braze\s*│", dry.Output);
        Assert.Matches(@"1 dead letter\(s\)\s*│\s*2\s*│\s*1\s*│\s*0\s*│\s*3\s*│", dry.Output);
        Assert.Null(await braze.ExportAsync(RestKey, "replayed-1", "external_id"));
        Assert.Single((await AdminJsonAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray());

        var replay = await CliRun.RunAsync(token, "replay", "--url", Url(service), "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Matches(@"replayed\s*│\s*1\s", replay.Output);
        await Eventually.HoldsAsync(
            async () => await braze.ExportAsync(RestKey, "replayed-1", "external_id") is not null,
            TimeSpan.FromSeconds(30),
            "the replayed user reaches the sandbox");
        var user = await braze.ExportAsync(RestKey, "replayed-1", "custom_events", "custom_attributes");
        Assert.Equal("Signed Up", (string?)user!["custom_events"]![0]!["name"]);
        Assert.Empty((await AdminJsonAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray());
        // The estimate is what the sandbox billed (the refused request was not applied, so it cost nothing).
        var billed = JsonNode.Parse(await braze.Client.GetStringAsync("_sandbox/datapoints"))!;
        Assert.Equal(3, (int)billed["total"]!["total"]!);
    }

    [Fact]
    public async Task An_id_that_is_not_a_dead_letter_exits_1_naming_it_and_replays_nothing()
    {
        await using var braze = await BrazeSandbox.StartAsync(RestKey);
        var (service, letter) = await DeadLetterAsync(braze, "kept-1");
        await using var running = service;

        var run = await CliRun.RunAsync("replay", "--url", Url(service), "--token", service.Host.AdminToken, "--id", "999999");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("first refusal: dead letter 999999: there is no such dead letter", run.Error, StringComparison.Ordinal);
        Assert.Equal((long)letter["id"]!, (long)Assert.Single((await AdminJsonAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray())!["id"]!);
    }

    [Fact]
    public async Task A_wrong_token_exits_1_with_the_admin_apis_error()
    {
        await using var service = await TestService.StartAsync();

        var run = await CliRun.RunAsync("replay", "--url", Url(service), "--token", "not-the-admin-token-at-all", "--all");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: cannot list the dead letters: GET /admin/dead-letters", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Contains("HTTP 403 {\"errors\":[{\"code\":\"FORBIDDEN\"", StringComparison.Ordinal), run.Error);
    }

    [Fact]
    public async Task With_no_dead_letters_a_replay_of_all_succeeds_and_says_so()
    {
        await using var service = await TestService.StartAsync();

        var run = await CliRun.RunAsync("replay", "--url", Url(service), "--token", service.Host.AdminToken, "--all", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0 dead letter(s)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--token t", "give either --id N (repeatable) or --all")]
    [InlineData("--token t --all --id 3", "give either --id N (repeatable) or --all")]
    [InlineData("--all", "--token is required (or set SWITCHYARD_ADMIN_TOKEN).")]
    [InlineData("--token t --id three", "three")]
    public async Task A_usage_error_exits_2_and_names_the_option(string arguments, string message)
    {
        var run = await CliRun.RunAsync(["replay", .. arguments.Split(' ')]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static Workspace WithKey(BrazeSandbox braze, string restKey) => new([TestService.Feed("app")])
    {
        Outputs = [new OutputDefinition("braze", "braze", $$"""{"restApiKey":"{{restKey}}","instance":"Custom","customRestEndpoint":"{{braze.Endpoint}}"}""")],
        Connections = [new Connection("app", "braze")],
    };

    /// <summary>
    /// A user's item sent with a REST key the sandbox does not know: Braze answers 401 and the item is dead-lettered.
    /// Then the service restarts on the same data with the right key, so a replay can succeed.
    /// </summary>
    private static async Task<(TestService Service, JsonNode Letter)> DeadLetterAsync(BrazeSandbox braze, string customerId)
    {
        var service = await TestService.StartAsync(WithKey(braze, "a-key-braze-does-not-know"));
        using var posted = await service.PostAsync("/v2/events", $$$"""
            {"environment":"development","user_identities":{"customer_id":"{{{customerId}}}"},"user_attributes":{"plan":"pro","$FirstName":"Ada"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Signed Up","custom_event_type":"other"}}]}
            """);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Eventually.HoldsAsync(
            async () => (await AdminJsonAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(30),
            "Braze's 401 dead-letters the item");
        service = await service.RestartAsync(WithKey(braze, RestKey));
        var letter = Assert.Single((await AdminJsonAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray())!;
        Assert.StartsWith("401", (string?)letter["reason"], StringComparison.Ordinal);
        return (service, letter);
    }

    private static string Url(TestService service) => service.Host.BaseAddress.ToString();

    private static async Task<JsonNode> AdminJsonAsync(TestService service, string path)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
