using System.Net;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class RobustnessHttpTests
{
    [Theory]
    [InlineData("""{"attributes":[{"external_id":"u1","a":1,"a":2}]}""")]
    [InlineData("""{"attributes":[{"external_id":"u1"}],"attributes":[]}""")]
    [InlineData("""{"attributes":[{"external_id":"u1","n":1e400}]}""")]
    [InlineData("""{"attributes":[{"external_id":"u1","logins":{"inc":1e30}}]}""")]
    [InlineData("""{"purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":1e400,"time":"2026-01-01"}]}""")]
    [InlineData("""{"attributes":[{"external_id":"u1","o":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}}]}""")]
    public async Task Odd_but_parseable_bodies_never_cause_a_server_error(string json)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync(json);

        Assert.True((int)status < 500, $"status {(int)status}");
        Assert.NotNull(body!["message"]);
    }

    [Fact]
    public async Task Concurrent_increments_on_one_user_are_not_lost()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","hits":{"inc":1}}]}""")));

        Assert.Equal(40, (int)(await sandbox.ExportAsync("u1"))["custom_attributes"]!["hits"]!);
    }

    [Fact]
    public async Task A_non_finite_number_never_reaches_a_stored_profile()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","n2":1e400,"big":1.7976931348623157e308}]}""");

        var (status, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","n2":{"inc":1},"big":{"inc":9223372036854775807}}]}""");

        Assert.Equal(HttpStatusCode.Created, status);
        var user = await sandbox.ExportAsync("u1");
        Assert.Equal(1, (int)user["custom_attributes"]!["n2"]!);
        Assert.Equal(double.MaxValue, (double)user["custom_attributes"]!["big"]!);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }
}
