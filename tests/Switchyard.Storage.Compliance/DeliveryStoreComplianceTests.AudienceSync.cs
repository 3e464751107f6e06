using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>Audience sync state: connections, membership-log positions and resumable jobs.</summary>
public abstract partial class DeliveryStoreComplianceTests
{
    protected virtual IAudienceSyncStore AudienceSyncOf(IProfileStore store) => (IAudienceSyncStore)store;

    [Fact]
    public async Task A_saved_audience_connection_is_listed_and_its_active_flag_can_change()
    {
        var sync = AudienceSyncOf(await OpenAsync());

        var created = sync.SaveAudienceConnection(Braze, 11036, active: true, Now);
        Time.Advance(TimeSpan.FromSeconds(5));
        var changed = sync.SaveAudienceConnection(Braze, 11036, active: false, Now);
        sync.SaveAudienceConnection(Other, 7, active: true, Now);

        Assert.Equal((true, created.CreatedAtMs), (created.Active, created.UpdatedAtMs));
        Assert.Equal((false, created.CreatedAtMs, Now), (changed.Active, changed.CreatedAtMs, changed.UpdatedAtMs));
        Assert.Equal([(Braze, 11036), (Other, 7)], sync.AudienceConnections().Select(c => (c.OutputId, c.AudienceId)));
        Assert.False(sync.FindAudienceConnection(Braze, 11036)!.Active);
        Assert.Null(sync.FindAudienceConnection(Braze, 1));
    }

    [Fact]
    public async Task Deleting_a_connection_cancels_its_running_job_so_the_job_queues_nothing_more()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        sync.SaveAudienceConnection(Braze, 11036, active: true, Now);
        var job = sync.StartAudienceJob(Braze, 11036, AudienceJobKind.Sync, total: 10, Now);

        Assert.True(sync.DeleteAudienceConnection(Braze, 11036, Now));
        Assert.False(sync.DeleteAudienceConnection(Braze, 11036, Now));
        var advanced = sync.AdvanceAudienceJob(job.Id, 0, 5, 5, [new OutboxEntry(Braze, 5, "{}", Now)], finished: false, Now);

        Assert.False(advanced);
        Assert.Equal(AudienceJobState.Cancelled, sync.FindAudienceJob(job.Id)!.State);
        Assert.Equal(0, await DeliveryOf(store).CountQueuedAsync(Braze, default));
        Assert.Empty(sync.AudienceConnections());
    }

    [Fact]
    public async Task Due_items_created_by_a_time_are_found_but_not_later_ones_items_waiting_for_a_retry_or_other_outputs()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var delivery = DeliveryOf(store);
        var before = Now;
        sync.AdvanceMembershipTail(Braze, 1, [new OutboxEntry(Braze, 1, "{}", before), new OutboxEntry(Other, 2, "{}", before)]);
        Time.Advance(TimeSpan.FromSeconds(1));
        sync.AdvanceMembershipTail(Braze, 2, [new OutboxEntry(Braze, 3, "{}", Now)]);

        Assert.True(sync.HasDueItemsCreatedBy(Braze, before, Now));
        Assert.False(sync.HasDueItemsCreatedBy(Braze, before - 1, Now));

        var early = (await delivery.ClaimDueAsync(Braze, Now, 10, default)).Single(i => i.Mpid == 1);
        await delivery.RescheduleAsync(early.Id, Now + 60_000, "503", default);

        Assert.False(sync.HasDueItemsCreatedBy(Braze, before, Now));
        Assert.True(sync.HasDueItemsCreatedBy(Braze, Now, Now));
        Assert.True(sync.HasDueItemsCreatedBy(Other, before, Now));
    }

    [Fact]
    public async Task Advancing_the_membership_tail_queues_its_items_in_the_same_step()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        Assert.Null(sync.MembershipTail(Braze));

        sync.AdvanceMembershipTail(Braze, 42, [new OutboxEntry(Braze, 1, """{"sync":true}""", Now), new OutboxEntry(Braze, 2, """{"sync":true}""", Now)]);
        sync.AdvanceMembershipTail(Other, 0, []);

        Assert.Equal(42, sync.MembershipTail(Braze));
        Assert.Equal(0, sync.MembershipTail(Other));
        Assert.Equal([1L, 2L], (await DeliveryOf(store).ClaimDueAsync(Braze, Now, 10, default)).Select(i => i.Mpid));
    }

    [Fact]
    public async Task A_job_moves_its_cursor_and_finishes_and_a_new_job_of_the_connection_cancels_the_running_one()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var first = sync.StartAudienceJob(Braze, 11036, AudienceJobKind.Sync, total: 3, Now);
        Assert.Equal((0, AudienceJob.NotStarted), (first.Phase, first.CursorMpid));

        Assert.True(sync.AdvanceAudienceJob(first.Id, 0, 20, 2, [new OutboxEntry(Braze, 10, "{}", Now), new OutboxEntry(Braze, 20, "{}", Now)], finished: false, Now));
        var moved = sync.FindAudienceJob(first.Id)!;
        var second = sync.StartAudienceJob(Braze, 11036, AudienceJobKind.CleanUp, total: 4, Now);
        Assert.True(sync.AdvanceAudienceJob(second.Id, 1, 30, 4, [], finished: true, Now));

        Assert.Equal((AudienceJobState.Running, 0, 20L, 2L, 3L), (moved.State, moved.Phase, moved.CursorMpid, moved.Processed, moved.Total));
        Assert.Equal(AudienceJobState.Cancelled, sync.FindAudienceJob(first.Id)!.State);
        var done = sync.FindAudienceJob(second.Id)!;
        Assert.Equal((AudienceJobKind.CleanUp, AudienceJobState.Done, 1, 4L), (done.Kind, done.State, done.Phase, done.Processed));
        Assert.NotNull(done.FinishedAtMs);
        Assert.Equal([second.Id, first.Id], sync.AudienceJobs(Braze, 11036, runningOnly: false, 10).Select(j => j.Id));
        Assert.Empty(sync.AudienceJobs(null, null, runningOnly: true, 10));
        Assert.False(sync.AdvanceAudienceJob(second.Id, 1, 40, 1, [new OutboxEntry(Braze, 40, "{}", Now)], finished: true, Now));
        Assert.Equal(2, await DeliveryOf(store).CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task A_cancelled_job_stays_cancelled_and_queues_nothing()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var job = sync.StartAudienceJob(Braze, 1, AudienceJobKind.Sync, total: 1, Now);

        Assert.True(sync.CancelAudienceJob(job.Id, Now));
        Assert.False(sync.CancelAudienceJob(job.Id, Now));
        Assert.False(sync.AdvanceAudienceJob(job.Id, 0, 1, 1, [new OutboxEntry(Braze, 1, "{}", Now)], finished: false, Now));
        Assert.Equal(AudienceJobState.Cancelled, sync.FindAudienceJob(job.Id)!.State);
        Assert.Equal(0, await DeliveryOf(store).CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task Jobs_and_connections_survive_a_reopen()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        sync.SaveAudienceConnection(Braze, 11036, active: true, Now);
        var job = sync.StartAudienceJob(Braze, 11036, AudienceJobKind.Sync, total: 100, Now);
        sync.AdvanceAudienceJob(job.Id, 0, 55, 50, [], finished: false, Now);
        sync.AdvanceMembershipTail(Braze, 9, []);
        await store.DisposeAsync();

        var reopened = AudienceSyncOf(await OpenAsync());

        Assert.Single(reopened.AudienceConnections());
        var resumed = reopened.FindAudienceJob(job.Id)!;
        Assert.Equal((55L, 50L, AudienceJobState.Running), (resumed.CursorMpid, resumed.Processed, resumed.State));
        Assert.Equal(9, reopened.MembershipTail(Braze));
    }

    [Fact]
    public async Task Ledger_users_are_the_users_with_last_sent_fields_at_that_output_in_mpid_order()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        var sync = AudienceSyncOf(store);
        await delivery.RecordSentAsync(Braze, 30, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, default);
        await delivery.RecordSentAsync(Braze, 10, new Dictionary<string, string?> { ["a"] = "1" }, default);
        await delivery.RecordSentAsync(Other, 20, new Dictionary<string, string?> { ["a"] = "1" }, default);

        await delivery.RecordSentAsync(Braze, -5, new Dictionary<string, string?> { ["a"] = "1" }, default);

        Assert.Equal([-5L, 10L, 30L], sync.LedgerUsers(Braze, null, null, null, 10));
        Assert.Equal([30L], sync.LedgerUsers(Braze, null, null, 10, 10));
        Assert.Equal([10L], sync.LedgerUsers(Braze, null, null, -5, 1));
        Assert.Equal(3, sync.CountLedgerUsers(Braze, null, null));
    }

    [Fact]
    public async Task A_ledger_match_finds_users_by_a_named_field_or_by_an_element_of_a_list_field()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        var sync = AudienceSyncOf(store);
        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["in:7"] = "true:In Seven" }, default);
        await delivery.RecordSentAsync(Braze, 2, new Dictionary<string, string?> { ["list"] = "70,7" }, default);
        await delivery.RecordSentAsync(Braze, 3, new Dictionary<string, string?> { ["list"] = "70,77", ["in:8"] = "x" }, default);
        await delivery.RecordSentAsync(Braze, 4, new Dictionary<string, string?> { ["list"] = "7" }, default);
        await delivery.RecordSentAsync(Other, 5, new Dictionary<string, string?> { ["in:7"] = "true:In Seven" }, default);
        await delivery.RecordSentAsync(Braze, 6, new Dictionary<string, string?> { ["list"] = "'70','7'" }, default);
        await delivery.RecordSentAsync(Braze, 7, new Dictionary<string, string?> { ["list"] = "'70','77'" }, default);
        var seven = new LedgerMatch(["in:7", "array:7"], "list", "7");

        Assert.Equal([1L, 2L, 4L, 6L], sync.LedgerUsers(Braze, seven, null, null, 10));
        Assert.Equal(4, sync.CountLedgerUsers(Braze, seven, null));
        Assert.Equal([3L], sync.LedgerUsers(Braze, new LedgerMatch(["in:8"]), null, null, 10));
    }

    [Fact]
    public async Task A_ledger_walk_can_leave_out_the_current_members_of_an_audience()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        var sync = AudienceSyncOf(store);
        foreach (var mpid in new long[] { 1, 2, 3 })
        {
            await delivery.RecordSentAsync(Braze, mpid, new Dictionary<string, string?> { ["in:7"] = "true:In Seven" }, default);
        }

        using (var session = store.BeginSession())
        {
            var member = new Profile { Mpid = 2 };
            member.Audiences.Add(7);
            session.Save(member);
            session.Commit();
        }

        Assert.Equal([1L, 3L], sync.LedgerUsers(Braze, new LedgerMatch(["in:7"]), 7, null, 10));
        Assert.Equal(2, sync.CountLedgerUsers(Braze, new LedgerMatch(["in:7"]), 7));
        Assert.Equal([1L, 2L, 3L], sync.LedgerUsers(Braze, new LedgerMatch(["in:7"]), 8, null, 10));
    }

    [Fact]
    public async Task The_latest_membership_change_id_follows_the_log()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        Assert.Equal(0, sync.LatestMembershipChangeId());

        using (var session = store.BeginSession())
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, Now));
            session.AppendMembershipChange(new MembershipChange(0, 1, 101, MembershipAction.Add, Now));
            session.Commit();
        }

        Assert.Equal(store.ReadMembershipChanges(0, 10)[^1].Id, sync.LatestMembershipChangeId());
    }

    [Fact]
    public async Task Pruning_the_membership_log_forgets_only_old_entries_up_to_the_given_id_and_ids_keep_growing()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        using (var session = store.BeginSession())
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, 10));
            session.AppendMembershipChange(new MembershipChange(0, 1, 101, MembershipAction.Add, 20));
            session.AppendMembershipChange(new MembershipChange(0, 1, 102, MembershipAction.Add, 30));
            session.AppendMembershipChange(new MembershipChange(0, 1, 103, MembershipAction.Add, 40));
            session.Commit();
        }

        var ids = store.ReadMembershipChanges(0, 10).Select(c => c.Id).ToList();

        Assert.Equal(1, sync.PruneMembershipChanges(beforeMs: 35, upToId: ids[0]));
        Assert.Equal(2, sync.PruneMembershipChanges(beforeMs: 35, upToId: long.MaxValue));
        Assert.Equal([ids[3]], store.ReadMembershipChanges(0, 10).Select(c => c.Id));
        Assert.Equal(1, sync.PruneMembershipChanges(beforeMs: 50, upToId: long.MaxValue));
        using (var session = store.BeginSession())
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 104, MembershipAction.Add, 50));
            session.Commit();
        }

        Assert.True(Assert.Single(store.ReadMembershipChanges(0, 10)).Id > ids[3]);
    }
}
