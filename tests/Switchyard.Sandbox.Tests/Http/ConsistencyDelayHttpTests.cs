using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary><c>ConsistencyDelay</c>: a write reaches export and segments only after the delay (sandbox clock).</summary>
public sealed class ConsistencyDelayHttpTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    private Task<SandboxHttp> StartAsync() => SandboxHttp.StartAsync(o => o.ConsistencyDelay = Delay, _time);

    private static async Task<string?> FirstNameAsync(SandboxHttp sandbox, string externalId)
    {
        var (status, body) = await sandbox.PostAsync("/users/export/ids", $$"""{"external_ids":["{{externalId}}"],"fields_to_export":["first_name"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["users"]!.AsArray().SingleOrDefault() is { } user ? (string?)user["first_name"] ?? "(none)" : null;
    }

    private static async Task<int> SegmentCountAsync(SandboxHttp sandbox, string name)
    {
        var (status, body) = await sandbox.PostAsync("/_sandbox/segments/evaluate", $$$"""{"filter":{"attribute":"first_name","operator":"equals","value":"{{{name}}}"}}""", key: null);
        Assert.Equal(HttpStatusCode.OK, status);
        return (int)body!["count"]!;
    }

    [Fact]
    public async Task A_new_user_is_invisible_to_export_and_segments_until_the_delay_has_passed()
    {
        await using var sandbox = await StartAsync();

        var (tracked, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Ada"}]}""");
        var before = (await FirstNameAsync(sandbox, "u1"), await SegmentCountAsync(sandbox, "Ada"));
        _time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        var almost = (await FirstNameAsync(sandbox, "u1"), await SegmentCountAsync(sandbox, "Ada"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = (await FirstNameAsync(sandbox, "u1"), await SegmentCountAsync(sandbox, "Ada"));

        Assert.Equal(HttpStatusCode.Created, tracked);
        Assert.Equal((null, 0), before);
        Assert.Equal((null, 0), almost);
        Assert.Equal(("Ada", 1), after);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task An_update_shows_the_previous_value_and_a_deleted_user_stays_exported_until_the_delay_has_passed()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Ada"},{"external_id":"u2","first_name":"Bo"}]}""");
        _time.Advance(Delay);

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Grace"}]}""");
        await sandbox.PostAsync("/users/delete", """{"external_ids":["u2"]}""");
        var pending = (await FirstNameAsync(sandbox, "u1"), await FirstNameAsync(sandbox, "u2"), await SegmentCountAsync(sandbox, "Grace"));
        _time.Advance(Delay);
        var settled = (await FirstNameAsync(sandbox, "u1"), await FirstNameAsync(sandbox, "u2"), await SegmentCountAsync(sandbox, "Grace"));

        Assert.Equal(("Ada", "Bo", 0), pending);
        Assert.Equal(("Grace", null, 1), settled);
    }

    [Fact]
    public async Task A_second_write_within_the_delay_keeps_the_old_state_until_the_delay_after_it()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Ada"}]}""");
        _time.Advance(Delay);

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Grace"}]}""");
        _time.Advance(Delay / 2);
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Hedy"}]}""");
        _time.Advance(Delay / 2);
        var stillOld = await FirstNameAsync(sandbox, "u1");
        _time.Advance(Delay / 2);

        Assert.Equal("Ada", stillOld);
        Assert.Equal("Hedy", await FirstNameAsync(sandbox, "u1"));
    }

    [Fact]
    public async Task Writes_still_see_their_own_state_at_once()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Ada"}]}""");

        var (status, body) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","_update_existing_only":true,"last_name":"Lovelace"}]}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, (int)body!["attributes_processed"]!);
        _time.Advance(Delay);
        var (_, export) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"],"fields_to_export":["first_name","last_name"]}""");
        Assert.Equal("""{"first_name":"Ada","last_name":"Lovelace"}""", export!["users"]![0]!.ToJsonString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(600_001)]
    public void A_delay_outside_0_to_10_minutes_fails_start_up_naming_the_option(int milliseconds)
    {
        var error = Assert.Throws<ArgumentException>(() => SandboxSettings.From(new SandboxOptions { ConsistencyDelay = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.Contains("ConsistencyDelay", error.Message, StringComparison.Ordinal);
    }
}
