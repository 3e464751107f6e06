using System.Text;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class PersistenceHttpTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-sandbox-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Users_and_data_points_survive_a_restart_with_a_data_directory()
    {
        await using (var first = await SandboxHttp.StartAsync(o => o.DataDirectory = _directory))
        {
            await first.TrackAsync("""
                {"attributes":[{"external_id":"u1","first_name":"A","tags":["a"],"car":{"make":"VW"}},{"external_id":"gone"}],
                 "events":[{"external_id":"u1","name":"e","time":"2026-01-01"}],
                 "purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":2.5,"time":"2026-01-01","properties":{"k":"v"}}]}
                """);
            await first.PostAsync("/users/alias/new", """{"user_aliases":[{"external_id":"u1","alias_name":"a","alias_label":"l"}]}""");
            await first.PostAsync("/users/delete", """{"external_ids":["gone"]}""");
        }

        await using var second = await SandboxHttp.StartAsync(o => o.DataDirectory = _directory);
        var user = await second.ExportAsync("u1");

        Assert.Equal("A", (string?)user["first_name"]);
        Assert.Equal("""{"tags":["a"],"car":{"make":"VW"}}""", user["custom_attributes"]!.ToJsonString());
        Assert.Equal(1, (int)user["custom_events"]![0]!["count"]!);
        Assert.Equal(2.5m, (decimal)user["total_revenue"]!);
        Assert.Equal("""[{"alias_name":"a","alias_label":"l"}]""", user["user_aliases"]!.ToJsonString());
        Assert.Equal(1, (int)(await second.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(5, await second.DataPointsAsync());
    }

    [Fact]
    public async Task Reset_also_clears_the_persisted_state()
    {
        await using (var first = await SandboxHttp.StartAsync(o => o.DataDirectory = _directory))
        {
            await first.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");
            using var _ = await first.Client.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null);
        }

        await using var second = await SandboxHttp.StartAsync(o => o.DataDirectory = _directory);

        Assert.Equal(0, (int)(await second.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(0, await second.DataPointsAsync());
    }

    [Fact]
    public async Task The_data_directory_never_holds_a_rest_key_and_the_ledger_still_answers_by_key()
    {
        const string secret = "rest-key-that-must-not-leak-7f3a";
        await using (var first = await SandboxHttp.StartAsync(o =>
        {
            o.DataDirectory = _directory;
            o.ApiKeys.Add(new SandboxApiKey(secret));
        }))
        {
            var (status, body) = await first.TrackAsync("""{"attributes":[{"external_id":"u1","a":1,"b":2}]}""", secret);
            Assert.True(status == System.Net.HttpStatusCode.Created, body?.ToJsonString());
        }

        foreach (var file in Directory.GetFiles(_directory))
        {
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        await using var second = await SandboxHttp.StartAsync(o =>
        {
            o.DataDirectory = _directory;
            o.ApiKeys.Add(new SandboxApiKey(secret));
        });
        var report = await second.GetAsync($"/_sandbox/datapoints?key={secret}");
        Assert.Equal(2, (long)report["total"]!["total"]!);
        Assert.Equal(2, (long)report["keys"]!["****7f3a"]!["total"]!);
        Assert.Equal(0, await second.DataPointsAsync(SandboxHttp.FullKey));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
