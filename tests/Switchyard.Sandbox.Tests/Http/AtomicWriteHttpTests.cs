using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class AtomicWriteHttpTests
{
    private readonly FailingPersistence _persistence = new();

    [Fact]
    public async Task A_track_whose_commit_fails_changes_nothing_and_bills_nothing()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"gold","email":"one@example.com"}]}""");
        var before = await sandbox.ExportAsync("u1");

        _persistence.FailCommits = true;
        var (status, _) = await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1","plan":"silver","first_name":"A","user_alias":{"alias_name":"a","alias_label":"l"}},
                           {"external_id":"u2","plan":"new"}],
             "events":[{"external_id":"u1","name":"e","time":"2026-01-01"}],
             "purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":1,"time":"2026-01-01"}]}
            """);
        _persistence.FailCommits = false;

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(before.ToJsonString(), (await sandbox.ExportAsync("u1")).ToJsonString());
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(2, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task Identity_changes_whose_commit_fails_leave_every_lookup_as_it_was()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1","plan":"gold"},
                           {"user_alias":{"alias_name":"anon","alias_label":"web"},"_update_existing_only":false,"seen":true}]}
            """);

        _persistence.FailCommits = true;
        var (deleteStatus, _) = await sandbox.PostAsync("/users/delete", """{"external_ids":["u1"]}""");
        var (identifyStatus, _) = await sandbox.PostAsync("/users/identify", """
            {"aliases_to_identify":[{"external_id":"u1","user_alias":{"alias_name":"anon","alias_label":"web"}}]}
            """);
        var (aliasStatus, _) = await sandbox.PostAsync("/users/alias/new", """{"user_aliases":[{"external_id":"u1","alias_name":"crm-1","alias_label":"crm"}]}""");
        _persistence.FailCommits = false;

        Assert.Equal(HttpStatusCode.InternalServerError, deleteStatus);
        Assert.Equal(HttpStatusCode.InternalServerError, identifyStatus);
        Assert.Equal(HttpStatusCode.InternalServerError, aliasStatus);
        var u1 = await sandbox.ExportAsync("u1");
        Assert.Equal("[]", u1["user_aliases"]!.ToJsonString());
        Assert.Null(u1["custom_attributes"]!["seen"]);
        var (_, anonymous) = await sandbox.PostAsync("/users/export/ids", """{"user_aliases":[{"alias_name":"anon","alias_label":"web"}],"fields_to_export":["external_id","braze_id","user_aliases","custom_attributes","custom_events","purchases","first_name","email","phone"]}""");
        Assert.Equal("""{"seen":true}""", anonymous!["users"]![0]!["custom_attributes"]!.ToJsonString());
        Assert.Equal(2, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task A_reset_or_data_point_reset_that_cannot_be_persisted_keeps_the_state()
    {
        await using var sandbox = await StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"gold"}]}""");

        _persistence.FailCommits = true;
        using var reset = await sandbox.Client.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null);
        using var clearDataPoints = await sandbox.Client.DeleteAsync(new Uri("_sandbox/datapoints", UriKind.Relative));
        _persistence.FailCommits = false;

        Assert.Equal(HttpStatusCode.InternalServerError, reset.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, clearDataPoints.StatusCode);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(1, await sandbox.DataPointsAsync());
    }

    private Task<SandboxHttp> StartAsync() =>
        SandboxHttp.StartAsync(services: s => s.AddSingleton<IStatePersistence>(_persistence));
}
