using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Currents;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Testing.Hostile;

namespace Switchyard.Sandbox.Tests.Currents;

/// <summary>
/// Whoever reaches the control API could point the Currents connector anywhere the sandbox can reach (an internal
/// service, a cloud metadata address): unless the sandbox is started to allow it, only this machine is a target.
/// </summary>
public sealed class CurrentsConnectorTargetTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-sandbox-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("http://127.0.0.1:8080/v2/bulkevents")]
    [InlineData("http://127.45.6.7/v2/events")]
    [InlineData("http://[::1]:8080/v2/bulkevents")]
    [InlineData("http://localhost:8080/v2/bulkevents")]
    [InlineData("https://LOCALHOST/v2/bulkevents")]
    public async Task A_loopback_connector_is_accepted(string url)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await PutAsync(sandbox, url);

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
    }

    [Theory]
    [InlineData("http://10.0.0.5:8080/v2/bulkevents")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://0.0.0.0:8080/v2/bulkevents")]
    [InlineData("http://[::ffff:10.0.0.5]/v2/bulkevents")]
    [InlineData("http://[fe80::1]/v2/bulkevents")]
    [InlineData("https://example.com/v2/bulkevents")]
    [InlineData("http://localhost.example.com/v2/bulkevents")]
    [InlineData("http://127.0.0.1.nip.io/v2/bulkevents")]
    public async Task Any_other_target_is_a_400_naming_the_url_unless_remote_currents_are_allowed(string url)
    {
        await using (var strict = await SandboxHttp.StartAsync())
        {
            var (status, body) = await PutAsync(strict, url);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            var error = Assert.Single(body!["errors"]!.AsArray());
            Assert.Equal("url", (string?)error!["field"]);
            Assert.Contains("--allow-remote-currents", (string?)error["message"], StringComparison.Ordinal);
            var (missing, _) = await strict.SendAsync(new HttpRequestMessage(HttpMethod.Get, "_sandbox/currents/connector"));
            Assert.Equal(HttpStatusCode.NotFound, missing);
        }

        await using var open = await SandboxHttp.StartAsync(o => o.AllowRemoteCurrents = true);
        var (allowed, answer) = await PutAsync(open, url);
        Assert.True(allowed == HttpStatusCode.OK, answer?.ToJsonString());
    }

    [Fact]
    public async Task A_remote_connector_in_the_options_fails_start_up_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SandboxHttp.StartAsync(o =>
            o.CurrentsConnector = new SandboxCurrentsConnector(new Uri("http://10.0.0.5/v2/bulkevents"), "k", "s")));

        Assert.Contains("CurrentsConnector.Url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_connector_kept_from_a_run_that_allowed_it_is_not_used_by_one_that_does_not()
    {
        await using (var first = await SandboxHttp.StartAsync(o => { o.DataDirectory = _directory; o.AllowRemoteCurrents = true; }))
        {
            var (status, _) = await PutAsync(first, "http://10.0.0.5/v2/bulkevents");
            Assert.Equal(HttpStatusCode.OK, status);
        }

        using var logs = new LogRecorder();
        await using var second = await SandboxHttp.StartAsync(o => o.DataDirectory = _directory, services: s => s.AddLogging(l => l.AddProvider(logs)));

        var (missing, _) = await second.SendAsync(new HttpRequestMessage(HttpMethod.Get, "_sandbox/currents/connector"));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("--allow-remote-currents", warning.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> PutAsync(SandboxHttp sandbox, string url) =>
        sandbox.SendAsync(new HttpRequestMessage(HttpMethod.Put, "_sandbox/currents/connector")
        {
            Content = new StringContent($$"""{"url":"{{url}}","api_key":"k","api_secret":"s"}""", System.Text.Encoding.UTF8, "application/json"),
        });
}
