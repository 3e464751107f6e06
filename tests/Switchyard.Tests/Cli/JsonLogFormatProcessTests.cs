using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>With <c>--log-format json</c> every line either verb writes is one JSON object a log collector can read.</summary>
public sealed class JsonLogFormatProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-jsonlog-" + Guid.NewGuid().ToString("N"));

    public JsonLogFormatProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Serve_writes_only_json_lines_banner_and_shutdown_included()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0", "--log-format", "json");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        await process.WaitForLineAsync(new("\"EventId\":1012"), StartTimeout);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var missing = await client.GetAsync("/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));

        var entries = AssertAllJson(process.Output);
        Assert.Contains(entries, e => (int?)e["EventId"] == 1005 && (string?)e["LogLevel"] == "Information");
        Assert.Contains(entries, e => (int?)e["EventId"] == 1012 && ((string?)e["Message"])!.Contains("Events API", StringComparison.Ordinal));
        Assert.Contains(entries, e => (int?)e["EventId"] == 1013);
    }

    [Fact]
    public async Task The_sandbox_verb_writes_only_json_lines()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--api-key", "k-0123456789", "--log-format", "json");
        var address = (await process.WaitForLineAsync(new(@"Sandbox listening on (http://[^\s;/\\]+)"), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users/track") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "k-0123456789");
        using var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));

        var entries = AssertAllJson(process.Output);
        Assert.Contains(entries, e => (int?)e["EventId"] == 1012 && ((string?)e["Message"])!.Contains("Control API", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static List<JsonObject> AssertAllJson(string output)
    {
        var entries = new List<JsonObject>();
        foreach (var line in output.Split('\n').Where(l => l.Trim().Length > 0))
        {
            try
            {
                var entry = JsonNode.Parse(line) as JsonObject;
                Assert.True(entry?["LogLevel"] is not null && entry["Message"] is not null, "not a log entry: " + line);
                entries.Add(entry!);
            }
            catch (JsonException e)
            {
                Assert.Fail($"not a JSON line ({e.Message}): {line}");
            }
        }

        Assert.NotEmpty(entries);
        return entries;
    }
}
