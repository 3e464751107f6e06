using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Currents;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Currents;

public sealed class CurrentsControlTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-sandbox-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_connector_is_echoed_with_its_secret_redacted_and_can_be_removed()
    {
        await using var scenario = await CurrentsScenario.StartAsync();

        var put = await scenario.PutConnectorAsync();
        var got = await scenario.Sandbox.GetAsync("/_sandbox/currents/connector");

        foreach (var view in new[] { put, got, (await scenario.StatusAsync())["connector"]! })
        {
            Assert.Equal(scenario.Receiver.Url("/v2/bulkevents"), (string?)view["url"]);
            Assert.Equal(CurrentsScenario.ApiKey, (string?)view["api_key"]);
            Assert.Equal("****6789", (string?)view["api_secret"]);
            Assert.Equal("production", (string?)view["environment"]);
            Assert.DoesNotContain(CurrentsScenario.ApiSecret, view.ToJsonString(), StringComparison.Ordinal);
        }

        var (deleted, _) = await scenario.SendAsync(HttpMethod.Delete, "/_sandbox/currents/connector");
        var (missing, body) = await scenario.SendAsync(HttpMethod.Get, "/_sandbox/currents/connector");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted, missing));
        Assert.Contains("no Currents connector", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Null((await scenario.StatusAsync())["connector"]);
    }

    [Theory]
    [InlineData("""{"url":"not a url","api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"url":"/v2/bulkevents","api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"url":"ftp://127.0.0.1/v2/bulkevents","api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"url":5,"api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"url":"http://user:pass@127.0.0.1:8080/v2/bulkevents","api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"api_key":"k","api_secret":"s"}""", "url")]
    [InlineData("""{"url":"http://127.0.0.1:8080/v2/bulkevents","api_secret":"s"}""", "api_key")]
    [InlineData("""{"url":"http://127.0.0.1:8080/v2/bulkevents","api_key":"a:b","api_secret":"s"}""", "api_key")]
    [InlineData("""{"url":"http://127.0.0.1:8080/v2/bulkevents","api_key":"k","api_secret":""}""", "api_secret")]
    [InlineData("""{"url":"http://127.0.0.1:8080/v2/bulkevents","api_key":"k","api_secret":"s","environment":"staging"}""", "environment")]
    [InlineData("""{"url":"http://127.0.0.1:8080/v2/bulkevents","api_key":"k","api_secret":"s","secret":"s"}""", "secret")]
    [InlineData("""["http://127.0.0.1:8080/v2/bulkevents"]""", "body")]
    public async Task A_bad_connector_is_a_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        await using var scenario = await CurrentsScenario.StartAsync();

        var (status, body) = await scenario.SendAsync(HttpMethod.Put, "/_sandbox/currents/connector", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body!["errors"]!.AsArray(), e => (string?)e!["field"] == field);
        Assert.Null((await scenario.StatusAsync())["connector"]);
    }

    [Theory]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","open_share":1.5}""", "open_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","open_share":"0.5"}""", "open_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","open_share":1,"click_share":-0.1}""", "click_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","open_share":0.5,"click_share":0.6}""", "click_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","unsubscribe_share":2}""", "unsubscribe_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"push","unsubscribe_share":0.1}""", "unsubscribe_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"push","open_share":1,"click_share":0.1}""", "click_share")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"push","platform":"windows"}""", "platform")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","platform":"ios"}""", "platform")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"sms"}""", "channel")]
    [InlineData("""{"segment":"gold","campaign_name":"x"}""", "channel")]
    [InlineData("""{"segment":"gold","channel":"email"}""", "campaign_name")]
    [InlineData("""{"segment":"gold","campaign_name":"x","campaign_id":"","channel":"email"}""", "campaign_id")]
    [InlineData("""{"campaign_name":"x","channel":"email"}""", "segment")]
    [InlineData("""{"segment":"gold","campaign_name":"x","channel":"email","open_rate":0.5}""", "open_rate")]
    [InlineData("""null""", "body")]
    public async Task A_bad_campaign_is_a_400_naming_the_field_and_queues_nothing(string json, string field)
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();

        var (status, body) = await scenario.SendCampaignAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body!["errors"]!.AsArray(), e => (string?)e!["field"] == field);
        var after = await scenario.StatusAsync();
        Assert.Equal(0, (int)after["queued"]!);
        Assert.Empty(after["campaigns"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        await using var scenario = await CurrentsScenario.StartAsync();

        var (connector, _) = await scenario.SendAsync(HttpMethod.Put, "/_sandbox/currents/connector", "{\"url\":");
        var (campaign, _) = await scenario.SendCampaignAsync("{oops");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (connector, campaign));
    }

    [Fact]
    public async Task An_unknown_segment_is_a_404()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.PutConnectorAsync();

        var (status, body) = await scenario.SendCampaignAsync("""{"segment":"nobody","campaign_name":"x","channel":"email"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("nobody", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_without_a_connector_is_a_409_saying_so()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();

        var (status, body) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"x","channel":"email"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("no Currents connector", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Empty((await scenario.StatusAsync())["campaigns"]!.AsArray());
    }

    [Fact]
    public async Task A_send_that_would_overflow_the_queue_is_refused_whole_with_a_409()
    {
        await using var scenario = await CurrentsScenario.StartAsync((o, _) => o.Currents.QueueCapacity = 3);
        await scenario.SeedGoldSegmentAsync();
        // Unreachable, so nothing leaves the queue while the test looks at it.
        var (set, _) = await scenario.SendAsync(
            HttpMethod.Put, "/_sandbox/currents/connector", """{"url":"http://127.0.0.1:9/v2/bulkevents","api_key":"k","api_secret":"s"}""");
        Assert.Equal(HttpStatusCode.OK, set);

        var (status, body) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"x","channel":"email","open_share":1}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("capacity 3", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Equal(0, (int)(await scenario.StatusAsync())["queued"]!);
    }

    [Fact]
    public async Task The_status_lists_each_send_with_its_counts()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();

        var (_, sent) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"Spring sale","channel":"email","open_share":0.5}""");
        var status = await scenario.WaitUntilIdleAsync(delivered: 3);

        var campaign = Assert.Single(status["campaigns"]!.AsArray())!;
        Assert.Equal((string?)sent!["send_id"], (string?)campaign["send_id"]);
        Assert.Equal((string?)sent["campaign_id"], (string?)campaign["campaign_id"]);
        Assert.Equal("Spring sale", (string?)campaign["campaign_name"]);
        Assert.Equal("email", (string?)campaign["channel"]);
        Assert.Equal("gold", (string?)campaign["segment"]);
        Assert.Equal(2, (int)campaign["recipients"]!);
        Assert.Equal("""{"send":2,"open":1,"click":0,"unsubscribe":0}""", campaign["events"]!.ToJsonString());
        Assert.Equal(0, (long)status["attempts_failed"]!);
        Assert.Null(status["last_error"]);
    }

    [Fact]
    public async Task Reset_clears_the_queue_counters_and_sends_but_keeps_the_connector()
    {
        await using var scenario = await CurrentsScenario.StartAsync();
        await scenario.SeedGoldSegmentAsync();
        await scenario.PutConnectorAsync();
        await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"x","channel":"email"}""");
        await scenario.WaitUntilIdleAsync(delivered: 2);

        var (reset, _) = await scenario.SendAsync(HttpMethod.Post, "/_sandbox/reset");

        Assert.Equal(HttpStatusCode.OK, reset);
        var status = await scenario.StatusAsync();
        Assert.Equal(0, (long)status["delivered"]!);
        Assert.Equal(0, (int)status["queued"]!);
        Assert.Empty(status["campaigns"]!.AsArray());
        Assert.NotNull(status["connector"]);
    }

    [Fact]
    public async Task A_connector_given_in_the_options_is_used_from_start_up()
    {
        await using var scenario = await CurrentsScenario.StartAsync((o, receiver) =>
            o.CurrentsConnector = new SandboxCurrentsConnector(
                new Uri(receiver.Url("/v2/bulkevents")), "host-key", "host-secret", SandboxCurrentsEnvironment.Development));
        await scenario.SeedGoldSegmentAsync();

        var connector = await scenario.Sandbox.GetAsync("/_sandbox/currents/connector");
        var (status, _) = await scenario.SendCampaignAsync("""{"segment":"gold","campaign_name":"x","channel":"email"}""");

        Assert.Equal("development", (string?)connector["environment"]);
        Assert.Equal("****cret", (string?)connector["api_secret"]);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await scenario.WaitUntilIdleAsync(delivered: 2);
        Assert.All(scenario.AcceptedBatches(), b => Assert.Equal("development", (string?)b["environment"]));
    }

    [Fact]
    public async Task A_connector_set_at_run_time_survives_a_restart_with_a_data_directory()
    {
        string url;
        await using (var first = await CurrentsScenario.StartAsync((o, _) => o.DataDirectory = _directory))
        {
            url = (string)(await first.PutConnectorAsync(environment: "development"))["url"]!;
        }

        await using var second = await CurrentsScenario.StartAsync((o, _) => o.DataDirectory = _directory);
        var connector = await second.Sandbox.GetAsync("/_sandbox/currents/connector");

        Assert.Equal(url, (string?)connector["url"]);
        Assert.Equal("development", (string?)connector["environment"]);
        Assert.True(File.Exists(Path.Combine(_directory, CurrentsConnectorFile.FileName)));
    }

    [Fact]
    public async Task A_removed_connector_stays_removed_after_a_restart()
    {
        await using (var first = await CurrentsScenario.StartAsync((o, _) => o.DataDirectory = _directory))
        {
            await first.PutConnectorAsync();
            await first.SendAsync(HttpMethod.Delete, "/_sandbox/currents/connector");
        }

        await using var second = await CurrentsScenario.StartAsync((o, _) => o.DataDirectory = _directory);

        Assert.Null((await second.StatusAsync())["connector"]);
    }

    [Fact]
    public void Bad_currents_options_fail_at_start_naming_the_field()
    {
        static string Message(Action<SandboxOptions> configure)
        {
            var options = new SandboxOptions();
            configure(options);
            return Assert.Throws<ArgumentException>(() => CurrentsSettings.From(options)).Message;
        }

        Assert.Contains("CurrentsConnector.Url", Message(o => o.CurrentsConnector = new(new Uri("/v2/bulkevents", UriKind.Relative), "k", "s")), StringComparison.Ordinal);
        Assert.Contains("CurrentsConnector.ApiSecret", Message(o => o.CurrentsConnector = new(new Uri("http://127.0.0.1/v2/bulkevents"), "k", " ")), StringComparison.Ordinal);
        Assert.Contains("Currents.QueueCapacity", Message(o => o.Currents.QueueCapacity = 0), StringComparison.Ordinal);
        Assert.Contains("Currents.MaxBackoff", Message(o => o.Currents.MaxBackoff = TimeSpan.FromMilliseconds(1)), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
