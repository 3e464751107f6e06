using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary><c>switchyard send</c> against a real service on loopback: files, samples, refusals, retries and usage errors.</summary>
public sealed class SendCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-send-").FullName;

    [Fact]
    public async Task Sample_batches_sent_with_credentials_from_the_environment_are_all_accepted_and_processed()
    {
        await using var service = await TestService.StartAsync();
        var credentials = new Dictionary<string, string> { ["SWITCHYARD_KEY"] = "app-key", ["SWITCHYARD_SECRET"] = TestService.Secret };

        var run = await CliRun.RunAsync(credentials, "send", "--url", Url(service), "--sample", "40", "--users", "5", "--seed", "7", "--concurrency", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"accepted\s*│\s*40\s", run.Output);
        Assert.Matches(@"refused\s*│\s*0\s", run.Output);
        Assert.Matches(@"seed\s*│\s*7\s", run.Output);
        Assert.Equal("", run.Error);
        await Eventually.HoldsAsync(
            async () => (long)(await AdminJsonAsync(service, "/admin/processing"))["processed_batches"]! == 40,
            TimeSpan.FromSeconds(30),
            "the 40 sample batches are processed");
        // Every customer id is one of the five users.
        var profile = await AdminJsonAsync(service, "/admin/profiles?identity=customer_id&value=sample-0");
        Assert.Equal("sample-0@example.com", (string?)profile["user_identities"]!["email"]);
    }

    [Fact]
    public async Task On_an_interactive_terminal_the_progress_bar_counts_the_batches()
    {
        await using var service = await TestService.StartAsync();

        var run = await CliRun.RunAsync(null, animate: true, "send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--sample", "5", "--seed", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sent 5 · accepted 5 · refused 0", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"accepted\s*│\s*5\s", run.Output);
    }

    [Fact]
    public async Task An_ndjson_file_sent_in_bulk_reaches_the_profiles()
    {
        await using var service = await TestService.StartAsync();
        var path = Write("batches.ndjson", string.Join("\n", new[] { "ann", "bob", "cyd" }.Select(u => Batch(u, "Signed Up"))) + "\n");

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--file", path, "--bulk", "--batch-size", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"accepted\s*│\s*3\s", run.Output);
        Assert.Contains("/v2/bulkevents", run.Output, StringComparison.Ordinal);
        foreach (var user in new[] { "ann", "bob", "cyd" })
        {
            await Eventually.HoldsAsync(
                async () => (await service.AdminAsync(HttpMethod.Get, $"/admin/profiles?identity=customer_id&value={user}")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                $"the profile of {user} exists");
        }
    }

    [Fact]
    public async Task A_refused_batch_exits_1_and_prints_the_services_json_error()
    {
        await using var service = await TestService.StartAsync();
        var path = Write("batches.json", "[" + Batch("ann", "Signed Up") + "," + Batch("bob", null) + "]");

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--file", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"accepted\s*│\s*1\s", run.Output);
        Assert.Matches(@"refused\s*│\s*1\s", run.Output);
        Assert.Contains("first refusal: [1]: HTTP 400", run.Error, StringComparison.Ordinal);
        Assert.Contains("{\"errors\":[{\"code\":\"MISSING_FIELD\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("batch.events[0].data.event_name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_refused_inside_a_bulk_request_is_counted_and_printed()
    {
        await using var service = await TestService.StartAsync();
        var path = Write("batches.json", "[" + Batch("ann", "Signed Up") + "," + Batch("bob", null) + "]");

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--file", path, "--bulk");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"accepted\s*│\s*1\s", run.Output);
        Assert.Contains("first refusal: [1]: HTTP 202, refused in the bulk answer", run.Error, StringComparison.Ordinal);
        Assert.Contains("MISSING_FIELD", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_stops_at_the_first_answer_and_exits_1()
    {
        await using var service = await TestService.StartAsync();

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", "not-the-secret-at-all", "--sample", "50", "--concurrency", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("first refusal: sample 1: HTTP 403 {\"errors\":", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"sent\s*│\s*1\s", run.Output);
    }

    [Fact]
    public async Task Requests_answered_429_are_retried_after_the_advertised_wait_until_accepted()
    {
        // Five batches a second with a burst of one: of four requests at once, most are answered 429 with Retry-After first.
        await using var service = await TestService.StartAsync(TestService.Feed("app", rateLimit: new FeedRateLimit(5, 1)));

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--sample", "4", "--concurrency", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"accepted\s*│\s*4\s", run.Output);
        Assert.DoesNotMatch(@"retries\s*│\s*0\s", run.Output);
    }

    [Fact]
    public async Task Ctrl_c_stops_sending_exits_130_and_still_prints_what_was_done()
    {
        // One batch a second: the run would take a minute, so it is still sending when it is stopped.
        await using var service = await TestService.StartAsync(TestService.Feed("app", rateLimit: new FeedRateLimit(1, 1)));
        using var stop = new CancellationTokenSource();
        var running = CliRun.RunAsync(null, animate: false, stop.Token, "send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--sample", "60", "--concurrency", "1");
        await Eventually.HoldsAsync(
            async () => (long)(await AdminJsonAsync(service, "/admin/processing"))["inbox_batches"]! >= 1,
            TimeSpan.FromSeconds(30),
            "the first batch is accepted");

        await stop.CancelAsync();
        var run = await running;

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("stopped by Ctrl+C before every batch was sent", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"to send\s*│\s*60\s", run.Output);
        Assert.DoesNotMatch(@"accepted\s*│\s*60\s", run.Output);
    }

    [Fact]
    public async Task A_file_line_that_is_not_json_is_a_usage_error_naming_the_line_and_nothing_is_sent()
    {
        await using var service = await TestService.StartAsync();
        var path = Write("batches.ndjson", Batch("ann", "Signed Up") + "\n{\"events\": [\n");

        var run = await CliRun.RunAsync("send", "--url", Url(service), "--key", "app-key", "--secret", TestService.Secret, "--file", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("line 2, column", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, (long)(await AdminJsonAsync(service, "/admin/processing"))["inbox_batches"]!);
    }

    [Theory]
    [InlineData("""{"events": {"event_type": "custom_event"}}""", "line 1: events: must be an array, not an object.")]
    [InlineData("{\n  \"events\": {\"event_type\": \"custom_event\"}\n}", "the batch: events: must be an array, not an object.")]
    [InlineData("""[{"events": [{"data": {}}]}]""", "[0]: events[0].event_type: is required")]
    [InlineData("""[{"user_attributes": []}, 3]""", "[0]: user_attributes: must be an object, not an array.")]
    [InlineData("""[{}, 3]""", "[1]: must be a batch (a JSON object), not a number.")]
    [InlineData("""{"events": [}""", "line 1, column 13: not valid JSON")]
    public async Task A_file_of_the_wrong_shape_is_named_by_index_and_field(string content, string message)
    {
        var path = Write("batch.json", content);

        var run = await CliRun.RunAsync("send", "--key", "k", "--secret", "s", "--file", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sample 3", "--key is required (or set SWITCHYARD_KEY).")]
    [InlineData("--key k --secret s", "give either --file FILE or --sample N")]
    [InlineData("--key k --secret s --sample 3 --batch-size 10", "--batch-size applies to --bulk requests only")]
    [InlineData("--key k --secret s --sample 3 --bulk --batch-size 101", "--batch-size must be between 1 and 100")]
    [InlineData("--key k --secret s --sample many", "many")]
    [InlineData("--key k --secret s --sample 3 --url ftp://example.com", "--url must be an http or https address")]
    public async Task A_usage_error_exits_2_and_names_the_option(string arguments, string message)
    {
        var run = await CliRun.RunAsync(["send", .. arguments.Split(' ')]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_generates_the_same_users_events_and_attributes()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
        string[] Generate(int seed) => [.. new Switchyard.Cli.Send.SampleTraffic(seed, 10, "development", now).Take(25)
            .Select(b => System.Text.RegularExpressions.Regex.Replace(b.Json, "\"source_request_id\":\"[^\"]*\"", ""))];

        Assert.Equal(Generate(3), Generate(3));
        Assert.NotEqual(Generate(3), Generate(4));
        Assert.Contains(Generate(3), b => b.Contains("\"action\":\"purchase\"", StringComparison.Ordinal));
        Assert.Contains(Generate(3), b => b.Contains("\"screen_view\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Url(TestService service) => service.Host.BaseAddress.ToString();

    private static async Task<JsonNode> AdminJsonAsync(TestService service, string path)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>One batch on one line; a null event name makes it a batch the service refuses.</summary>
    private static string Batch(string user, string? eventName)
    {
        var name = eventName is null ? "" : $"\"event_name\":\"{eventName}\",";
        return "{\"environment\":\"development\",\"user_identities\":{\"customer_id\":\"" + user + "\"},\"user_attributes\":{\"plan\":\"pro\"},"
            + "\"events\":[{\"event_type\":\"custom_event\",\"data\":{" + name + "\"custom_event_type\":\"other\"}}]}";
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllText(path, content);
        return path;
    }
}
