using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class ControlHttpTests
{
    [Fact]
    public async Task Reset_clears_users_and_data_points_and_tells_listeners()
    {
        var listener = new CountingResetListener();
        await using var sandbox = await SandboxHttp.StartAsync(services: s => s.AddSingleton<ISandboxResetListener>(listener));
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");

        using var response = await sandbox.Client.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(0, await sandbox.DataPointsAsync());
        Assert.Equal(1, listener.Resets);
    }

    [Fact]
    public async Task Users_are_listed_in_pages()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1"},{"external_id":"u2"},{"external_id":"u3"}]}""");

        var page = await sandbox.GetAsync("/_sandbox/users?page=2&page_size=2");

        Assert.Equal(3, (int)page["total"]!);
        Assert.Single(page["users"]!.AsArray());
        using var bad = await sandbox.Client.GetAsync(new Uri("_sandbox/users?page=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_user_directory_exposes_profile_fields_and_custom_attributes_to_segments()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"A","dob":"1990-01-02","tags":["x"],"seen":"2026-01-01"}]}""");

        var subject = Assert.Single(sandbox.Server.Services.GetRequiredService<ISandboxUserDirectory>().SnapshotUsers());

        Assert.Equal("u1", subject.ExternalId);
        Assert.Equal("A", (string?)subject.GetAttribute("first_name"));
        Assert.Equal("1990-01-02", (string?)subject.GetAttribute("dob"));
        Assert.Equal("""["x"]""", subject.GetAttribute("tags")!.ToJsonString());
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)subject.GetAttribute("seen"));
        Assert.Null(subject.GetAttribute("missing"));
    }
}
