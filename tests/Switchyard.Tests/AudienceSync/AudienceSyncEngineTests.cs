using Switchyard.Core.Delivery.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.AudienceSync;
using Switchyard.Braze.Engine;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.AudienceSync;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.AudienceSync;

/// <summary>Audience sync (the membership-log follower and the jobs, in Core) over real SQLite stores.</summary>
public sealed class AudienceSyncEngineTests : IAsyncLifetime
{
    private const string Output = "braze-audiences";
    private const int Dreamers = 11036;
    private const int Parisians = 11034;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-audience-sync-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteProfileStore _profiles = null!;
    private SqliteAudienceStore _audiences = null!;
    private ConnectedAudiences _connected = null!;
    private AudienceLinks _links = null!;
    private AudienceConnectionEditor _manager = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var options = new SqliteStorageOptions { DataDirectory = _directory };
        _profiles = await SqliteProfileStore.OpenAsync(options, _time);
        _audiences = await SqliteAudienceStore.OpenAsync(options, _time);
        await _audiences.UpsertAsync(Dreamers, $$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""", null, CancellationToken.None);
        await _audiences.UpsertAsync(Parisians, $$$"""{"id":{{{Parisians}}},"name":"Possible Parisians","criteria":{"attribute":"dream","operator":"equals","value":"paris"}}""", null, CancellationToken.None);
        _connected = new ConnectedAudiences(_profiles, _audiences);
        _links = new AudienceLinks(_connected);
        _manager = new AudienceConnectionEditor(_profiles, _profiles, new BrazeAudienceLedgerFields(), _time);
        await _manager.StartTailsAsync([Output], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _audiences.DisposeAsync();
        await _profiles.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Connecting_an_audience_queues_one_sync_item_per_current_member_and_the_job_reports_progress()
    {
        await Members(Dreamers, 1, 2, 3, -4, 5);
        var worker = Worker(jobChunk: 2);

        var (_, created, job) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        await DrainAsync(worker);

        Assert.True(created);
        Assert.Equal(5, job!.Total);
        var done = (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!;
        Assert.Equal((AudienceJobState.Done, 5L), (done.State, done.Processed));
        var items = await _profiles.ClaimDueAsync(Output, Now, 100, default);
        Assert.Equal([-4L, 1, 2, 3, 5], items.Select(i => i.Mpid).Order());
        Assert.All(items, i => Assert.Equal("""{"sync":true}""", i.Payload));
    }

    [Fact]
    public async Task A_membership_change_of_an_active_connection_queues_the_user_and_one_of_an_inactive_connection_does_not()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        await _manager.SaveAsync(Output, Parisians, active: false, CancellationToken.None);
        var worker = Worker();
        await DrainAsync(worker);

        await Change(Dreamers, 10, MembershipAction.Add);
        await Change(Parisians, 20, MembershipAction.Add);
        await Change(Dreamers, 10, MembershipAction.Remove);
        await DrainAsync(worker);

        Assert.Equal([10L], (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Mpid));
        Assert.Equal(await _profiles.LatestMembershipChangeIdAsync(CancellationToken.None), await _profiles.MembershipTailAsync(Output, CancellationToken.None));
    }

    [Fact]
    public async Task Changes_made_before_the_output_existed_are_not_replayed_the_sync_job_covers_them()
    {
        await Change(Dreamers, 10, MembershipAction.Add);
        var manager = new AudienceConnectionEditor(_profiles, _profiles, new BrazeAudienceLedgerFields(), _time);

        await manager.StartTailsAsync(["another-output"], CancellationToken.None);

        Assert.Equal(await _profiles.LatestMembershipChangeIdAsync(CancellationToken.None), await _profiles.MembershipTailAsync("another-output", CancellationToken.None));
    }

    [Fact]
    public async Task A_job_waits_while_the_outbox_is_full_so_a_large_sync_is_paced_by_delivery()
    {
        await Members(Dreamers, 1, 2, 3, 4, 5, 6);
        var worker = Worker(jobChunk: 2, maxQueued: 3);
        var (_, _, job) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);

        await DrainAsync(worker);
        var paused = (await _profiles.FindAudienceJobAsync(job!.Id, CancellationToken.None))!;
        await _profiles.AcknowledgeAsync([.. (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Id)], default);
        await DrainAsync(worker);

        Assert.Equal((AudienceJobState.Running, 4L), (paused.State, paused.Processed));
        Assert.Equal(AudienceJobState.Done, (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State);
        Assert.Equal([5L, 6L], (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Mpid));
    }

    [Fact]
    public async Task A_job_goes_on_from_its_cursor_after_a_restart()
    {
        await Members(Dreamers, 1, 2, 3, 4);
        var (_, _, job) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        Assert.True(await Worker(jobChunk: 2).RunOnceAsync(CancellationToken.None) > 0);
        Assert.Equal(2, (await _profiles.FindAudienceJobAsync(job!.Id, CancellationToken.None))!.Processed);

        await DrainAsync(Worker(jobChunk: 2));

        Assert.Equal([1L, 2, 3, 4], (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Mpid).Order());
    }

    [Fact]
    public async Task Deactivating_cancels_the_running_sync_and_reactivating_starts_a_new_one()
    {
        await Members(Dreamers, 1, 2, 3);
        var (_, _, first) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);

        var (deactivated, created, none) = await _manager.SaveAsync(Output, Dreamers, active: false, CancellationToken.None);
        var (_, _, second) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);

        Assert.Equal((false, false, (AudienceJob?)null), (deactivated.Active, created, none));
        Assert.Equal(AudienceJobState.Cancelled, (await _profiles.FindAudienceJobAsync(first!.Id, CancellationToken.None))!.State);
        Assert.Equal(AudienceJobState.Running, (await _profiles.FindAudienceJobAsync(second!.Id, CancellationToken.None))!.State);
        Assert.Null((await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None)).Job);
    }

    [Fact]
    public async Task A_clean_up_deactivates_the_connection_and_queues_a_clean_up_item_for_every_user_with_the_audience_attributes_at_the_output()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        await _profiles.RecordSentAsync(Output, 7, new Dictionary<string, string?> { ["in:11036"] = "true:In Ibiza dreamers" }, default);
        await _profiles.RecordSentAsync(Output, 8, new Dictionary<string, string?> { ["segment_membership"] = "11034,11036" }, default);
        await _profiles.RecordSentAsync(Output, 10, new Dictionary<string, string?> { ["segment_membership"] = "11034", ["in:11034"] = "true:In Possible Parisians" }, default);
        await _profiles.RecordSentAsync("other-output", 9, new Dictionary<string, string?> { ["in:11036"] = "true:In Ibiza dreamers" }, default);
        var worker = Worker();
        await DrainAsync(worker);

        // The sync job's items are delivered (a clean-up walks the ledger only once items queued before it are settled).
        await _profiles.AcknowledgeAsync([.. (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Id)], default);
        var job = await _manager.CleanUpAsync(Output, Dreamers, CancellationToken.None);
        await DrainAsync(worker);

        Assert.False((await _profiles.FindAudienceConnectionAsync(Output, Dreamers, CancellationToken.None))!.Active);
        Assert.Equal((AudienceJobKind.CleanUp, AudienceJobState.Done, 2L), (job!.Kind, (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State, (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.Processed));
        var cleanups = (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Where(i => i.Payload.Contains("cleanup", StringComparison.Ordinal)).ToList();
        Assert.Equal([7L, 8L], cleanups.Select(i => i.Mpid));
        Assert.All(cleanups, i => Assert.Equal("""{"cleanup":[11036]}""", i.Payload));
        Assert.Null(await _manager.CleanUpAsync(Output, 999, CancellationToken.None));
    }

    [Fact]
    public async Task A_clean_up_waits_for_the_items_queued_before_it_but_not_for_those_waiting_for_a_retry()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        await _profiles.RecordSentAsync(Output, 7, new Dictionary<string, string?> { ["in:11036"] = "true:In Ibiza dreamers" }, default);
        await Change(Dreamers, 7, MembershipAction.Add);
        await Change(Dreamers, 8, MembershipAction.Add);
        var worker = Worker();
        await DrainAsync(worker);
        var queued = await _profiles.ClaimDueAsync(Output, Now, 100, default);
        Assert.Equal([7L, 8L], queued.Select(i => i.Mpid).Distinct().Order());

        var job = (await _manager.CleanUpAsync(Output, Dreamers, CancellationToken.None))!;
        await DrainAsync(worker);
        Assert.Equal((AudienceJobState.Running, 0L), ((await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State, (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.Processed));

        // 8's item waits for a retry (it will be planned afresh, with the connection inactive); 7's are delivered.
        foreach (var item in queued.Where(i => i.Mpid == 8))
        {
            await _profiles.RescheduleAsync(item.Id, Now + 60_000, "503", default);
        }

        await _profiles.AcknowledgeAsync([.. queued.Where(i => i.Mpid == 7).Select(i => i.Id)], default);
        await DrainAsync(worker);

        Assert.Equal((AudienceJobState.Done, 1L), ((await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State, (await _profiles.FindAudienceJobAsync(job.Id, CancellationToken.None))!.Processed));
    }

    [Fact]
    public async Task A_sync_also_queues_former_members_who_still_have_the_audience_attributes_and_no_one_else()
    {
        await Members(Dreamers, 1);
        await _profiles.RecordSentAsync(Output, 1, new Dictionary<string, string?> { ["in:11036"] = "true:In Ibiza dreamers" }, default);
        await _profiles.RecordSentAsync(Output, 2, new Dictionary<string, string?> { ["segment_membership_array:11036"] = "1" }, default);
        await _profiles.RecordSentAsync(Output, 3, new Dictionary<string, string?> { ["segment_membership"] = "11034" }, default);

        var (_, _, job) = await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        await DrainAsync(Worker());

        Assert.Equal(2, job!.Total);
        Assert.Equal([1L, 2L], (await _profiles.ClaimDueAsync(Output, Now, 100, default)).Select(i => i.Mpid).Order());
    }

    [Fact]
    public async Task A_deleted_audience_counts_as_inactive_so_its_removals_are_not_sent()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        var worker = Worker();
        await DrainAsync(worker);
        await _audiences.DeleteAsync(Dreamers, null, CancellationToken.None);

        await Change(Dreamers, 10, MembershipAction.Remove);
        await DrainAsync(worker);

        Assert.Empty(await _profiles.ClaimDueAsync(Output, Now, 100, default));
        Assert.False(Assert.Single(await _links.OfAsync(Output, CancellationToken.None)).Active);
    }

    [Fact]
    public async Task A_merged_away_profile_with_the_audience_attributes_is_dead_lettered_once_not_on_every_later_sync()
    {
        await _manager.SaveAsync(Output, Dreamers, active: true, CancellationToken.None);
        var worker = Worker();
        await DrainAsync(worker);

        // MPID 9 was sent the audience's attributes, then merged into another profile: its document is gone.
        await _profiles.RecordSentAsync(Output, 9, new Dictionary<string, string?> { ["external_id"] = "9", ["in:11036"] = "true:In Ibiza dreamers" }, default);
        var engine = Engine();
        for (var resync = 0; resync < 3; resync++)
        {
            Assert.NotNull(await _manager.ResyncAsync(Output, Dreamers, CancellationToken.None));
            await DrainAsync(worker);
            while (await engine.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        var letter = Assert.Single(await _profiles.DeadLettersAsync(Output, 0, 10, default));
        Assert.Contains("profile 9 not found", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(await _profiles.LastSentAsync(Output, 9, default));
        Assert.Equal(0, await _profiles.CountQueuedAsync(Output, default));
    }

    [Fact]
    public async Task A_workspace_connection_to_an_unknown_audience_stops_start_up_naming_the_field()
    {
        var workspace = new Workspace([]) { AudienceConnections = [new AudienceConnectionDefinition(Output, 4242)] };

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => WorkspaceAudienceConnections.ApplyAsync(workspace, AudienceOutputs.From(workspace), _manager, _links, CancellationToken.None));

        Assert.StartsWith("audienceConnections[0].audience: there is no audience 4242", error.Message, StringComparison.Ordinal);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private AudienceSyncEngine Worker(int jobChunk = 500, long maxQueued = 5000) => new(
        [Output],
        _profiles,
        _profiles,
        _profiles,
        _connected,
        new BrazeAudienceLedgerFields(),
        new AudienceSyncOptions { JobChunk = jobChunk, MaxQueuedForJobs = maxQueued },
        _time,
        NullLogger<AudienceSyncEngine>.Instance);

    /// <summary>The output's engine; a missing profile is settled before any request, so no Braze endpoint is needed.</summary>
    private Switchyard.Braze.Engine.BrazeAudienceDelivery Engine()
    {
        var settings = Switchyard.Braze.Settings.BrazeAudienceSettings.Parse("""{"restApiKey":"rest-key","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""").Settings!;
        return new Switchyard.Braze.Engine.BrazeAudienceDelivery(
            Output, settings, _profiles, _profiles, cancellationToken => _links.OfAsync(Output, cancellationToken), new Switchyard.Braze.Client.BrazeTrackClient(_http, settings.Connection, _time),
            new Switchyard.Braze.Delivery.BrazeRateGates(_time), _time, new Switchyard.Core.Delivery.Engine.DeliveryOptions(), new Switchyard.Braze.Engine.BrazeDeliveryMetrics());
    }

    private static async Task DrainAsync(AudienceSyncEngine worker)
    {
        for (var round = 0; round < 100 && await worker.RunOnceAsync(CancellationToken.None) > 0; round++)
        {
        }
    }

    private async Task Members(int audienceId, params long[] mpids)
    {
        using var session = await _profiles.BeginSessionAsync(default);
        foreach (var mpid in mpids)
        {
            var profile = (await session.LoadAsync(mpid, default)) ?? new Profile { Mpid = mpid };
            profile.Audiences.Add(audienceId);
            session.Save(profile);
        }

        await session.CommitAsync(default);
    }

    private async Task Change(int audienceId, long mpid, MembershipAction action)
    {
        using var session = await _profiles.BeginSessionAsync(default);
        session.AppendMembershipChange(new MembershipChange(0, audienceId, mpid, action, Now));
        await session.CommitAsync(default);
    }
}
