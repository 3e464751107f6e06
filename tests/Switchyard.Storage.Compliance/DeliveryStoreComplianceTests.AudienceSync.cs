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

        var created = await sync.SaveAudienceConnectionAsync(Braze, 11036, active: true, Now, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(5));
        var changed = await sync.SaveAudienceConnectionAsync(Braze, 11036, active: false, Now, CancellationToken.None);
        await sync.SaveAudienceConnectionAsync(Other, 7, active: true, Now, CancellationToken.None);

        Assert.Equal((true, created.CreatedAtMs), (created.Active, created.UpdatedAtMs));
        Assert.Equal((false, created.CreatedAtMs, Now), (changed.Active, changed.CreatedAtMs, changed.UpdatedAtMs));
        Assert.Equal([(Braze, 11036), (Other, 7)], (await sync.AudienceConnectionsAsync(CancellationToken.None)).Select(c => (c.OutputId, c.AudienceId)));
        Assert.False((await sync.FindAudienceConnectionAsync(Braze, 11036, CancellationToken.None))!.Active);
        Assert.Null(await sync.FindAudienceConnectionAsync(Braze, 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_call_whose_token_is_already_cancelled_is_refused_and_changes_nothing()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.SaveAudienceConnectionAsync(Braze, 11036, active: true, Now, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.AdvanceMembershipTailAsync(Braze, 3, [new OutboxEntry(Braze, 5, "{}", Now)], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.AudienceConnectionsAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindProfileAsync(1, cancelled.Token));

        Assert.Empty(await sync.AudienceConnectionsAsync(CancellationToken.None));
        Assert.Null(await sync.MembershipTailAsync(Braze, CancellationToken.None));
        Assert.Equal(0, await DeliveryOf(store).CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task Deleting_a_connection_cancels_its_running_job_so_the_job_queues_nothing_more()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        await sync.SaveAudienceConnectionAsync(Braze, 11036, active: true, Now, CancellationToken.None);
        var job = await sync.StartAudienceJobAsync(Braze, 11036, AudienceJobKind.Sync, total: 10, Now, CancellationToken.None);

        Assert.True(await sync.DeleteAudienceConnectionAsync(Braze, 11036, Now, CancellationToken.None));
        Assert.False(await sync.DeleteAudienceConnectionAsync(Braze, 11036, Now, CancellationToken.None));
        var advanced = await sync.AdvanceAudienceJobAsync(job.Id, 0, 5, 5, [new OutboxEntry(Braze, 5, "{}", Now)], finished: false, Now, CancellationToken.None);

        Assert.False(advanced);
        Assert.Equal(AudienceJobState.Cancelled, (await sync.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State);
        Assert.Equal(0, (await DeliveryOf(store).CountQueuedAsync(Braze, default)));
        Assert.Empty(await sync.AudienceConnectionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Due_items_created_by_a_time_are_found_but_not_later_ones_items_waiting_for_a_retry_or_other_outputs()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var delivery = DeliveryOf(store);
        var before = Now;
        await sync.AdvanceMembershipTailAsync(Braze, 1, [new OutboxEntry(Braze, 1, "{}", before), new OutboxEntry(Other, 2, "{}", before)], CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await sync.AdvanceMembershipTailAsync(Braze, 2, [new OutboxEntry(Braze, 3, "{}", Now)], CancellationToken.None);

        Assert.True(await sync.HasDueItemsCreatedByAsync(Braze, before, Now, CancellationToken.None));
        Assert.False(await sync.HasDueItemsCreatedByAsync(Braze, before - 1, Now, CancellationToken.None));

        var early = (await delivery.ClaimDueAsync(Braze, Now, 10, default)).Single(i => i.Mpid == 1);
        await delivery.RescheduleAsync(early.Id, Now + 60_000, "503", default);

        Assert.False(await sync.HasDueItemsCreatedByAsync(Braze, before, Now, CancellationToken.None));
        Assert.True(await sync.HasDueItemsCreatedByAsync(Braze, Now, Now, CancellationToken.None));
        Assert.True(await sync.HasDueItemsCreatedByAsync(Other, before, Now, CancellationToken.None));
    }

    [Fact]
    public async Task Advancing_the_membership_tail_queues_its_items_in_the_same_step()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        Assert.Null(await sync.MembershipTailAsync(Braze, CancellationToken.None));

        await sync.AdvanceMembershipTailAsync(Braze, 42, [new OutboxEntry(Braze, 1, """{"sync":true}""", Now), new OutboxEntry(Braze, 2, """{"sync":true}""", Now)], CancellationToken.None);
        await sync.AdvanceMembershipTailAsync(Other, 0, [], CancellationToken.None);

        Assert.Equal(42, await sync.MembershipTailAsync(Braze, CancellationToken.None));
        Assert.Equal(0, await sync.MembershipTailAsync(Other, CancellationToken.None));
        Assert.Equal([1L, 2L], (await DeliveryOf(store).ClaimDueAsync(Braze, Now, 10, default)).Select(i => i.Mpid));
    }

    [Fact]
    public async Task A_job_moves_its_cursor_and_finishes_and_a_new_job_of_the_connection_cancels_the_running_one()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var first = await sync.StartAudienceJobAsync(Braze, 11036, AudienceJobKind.Sync, total: 3, Now, CancellationToken.None);
        Assert.Equal((0, AudienceJob.NotStarted), (first.Phase, first.CursorMpid));

        Assert.True(await sync.AdvanceAudienceJobAsync(first.Id, 0, 20, 2, [new OutboxEntry(Braze, 10, "{}", Now), new OutboxEntry(Braze, 20, "{}", Now)], finished: false, Now, CancellationToken.None));
        var moved = (await sync.FindAudienceJobAsync(first.Id, CancellationToken.None))!;
        var second = await sync.StartAudienceJobAsync(Braze, 11036, AudienceJobKind.CleanUp, total: 4, Now, CancellationToken.None);
        Assert.True(await sync.AdvanceAudienceJobAsync(second.Id, 1, 30, 4, [], finished: true, Now, CancellationToken.None));

        Assert.Equal((AudienceJobState.Running, 0, 20L, 2L, 3L), (moved.State, moved.Phase, moved.CursorMpid, moved.Processed, moved.Total));
        Assert.Equal(AudienceJobState.Cancelled, (await sync.FindAudienceJobAsync(first.Id, CancellationToken.None))!.State);
        var done = (await sync.FindAudienceJobAsync(second.Id, CancellationToken.None))!;
        Assert.Equal((AudienceJobKind.CleanUp, AudienceJobState.Done, 1, 4L), (done.Kind, done.State, done.Phase, done.Processed));
        Assert.NotNull(done.FinishedAtMs);
        Assert.Equal([second.Id, first.Id], (await sync.AudienceJobsAsync(Braze, 11036, runningOnly: false, 10, CancellationToken.None)).Select(j => j.Id));
        Assert.Empty(await sync.AudienceJobsAsync(null, null, runningOnly: true, 10, CancellationToken.None));
        Assert.False(await sync.AdvanceAudienceJobAsync(second.Id, 1, 40, 1, [new OutboxEntry(Braze, 40, "{}", Now)], finished: true, Now, CancellationToken.None));
        Assert.Equal(2, (await DeliveryOf(store).CountQueuedAsync(Braze, default)));
    }

    [Fact]
    public async Task A_cancelled_job_stays_cancelled_and_queues_nothing()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        var job = await sync.StartAudienceJobAsync(Braze, 1, AudienceJobKind.Sync, total: 1, Now, CancellationToken.None);

        Assert.True(await sync.CancelAudienceJobAsync(job.Id, Now, CancellationToken.None));
        Assert.False(await sync.CancelAudienceJobAsync(job.Id, Now, CancellationToken.None));
        Assert.False(await sync.AdvanceAudienceJobAsync(job.Id, 0, 1, 1, [new OutboxEntry(Braze, 1, "{}", Now)], finished: false, Now, CancellationToken.None));
        Assert.Equal(AudienceJobState.Cancelled, (await sync.FindAudienceJobAsync(job.Id, CancellationToken.None))!.State);
        Assert.Equal(0, (await DeliveryOf(store).CountQueuedAsync(Braze, default)));
    }

    [Fact]
    public async Task Jobs_and_connections_survive_a_reopen()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        await sync.SaveAudienceConnectionAsync(Braze, 11036, active: true, Now, CancellationToken.None);
        var job = await sync.StartAudienceJobAsync(Braze, 11036, AudienceJobKind.Sync, total: 100, Now, CancellationToken.None);
        await sync.AdvanceAudienceJobAsync(job.Id, 0, 55, 50, [], finished: false, Now, CancellationToken.None);
        await sync.AdvanceMembershipTailAsync(Braze, 9, [], CancellationToken.None);
        await store.DisposeAsync();

        var reopened = AudienceSyncOf(await OpenAsync());

        Assert.Single(await reopened.AudienceConnectionsAsync(CancellationToken.None));
        var resumed = (await reopened.FindAudienceJobAsync(job.Id, CancellationToken.None))!;
        Assert.Equal((55L, 50L, AudienceJobState.Running), (resumed.CursorMpid, resumed.Processed, resumed.State));
        Assert.Equal(9, await reopened.MembershipTailAsync(Braze, CancellationToken.None));
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

        Assert.Equal([-5L, 10L, 30L], await sync.LedgerUsersAsync(Braze, null, null, null, 10, CancellationToken.None));
        Assert.Equal([30L], await sync.LedgerUsersAsync(Braze, null, null, 10, 10, CancellationToken.None));
        Assert.Equal([10L], await sync.LedgerUsersAsync(Braze, null, null, -5, 1, CancellationToken.None));
        Assert.Equal(3, await sync.CountLedgerUsersAsync(Braze, null, null, CancellationToken.None));
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

        Assert.Equal([1L, 2L, 4L, 6L], await sync.LedgerUsersAsync(Braze, seven, null, null, 10, CancellationToken.None));
        Assert.Equal(4, await sync.CountLedgerUsersAsync(Braze, seven, null, CancellationToken.None));
        Assert.Equal([3L], await sync.LedgerUsersAsync(Braze, new LedgerMatch(["in:8"]), null, null, 10, CancellationToken.None));
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

        using (var session = await store.BeginSessionAsync(default))
        {
            var member = new Profile { Mpid = 2 };
            member.Audiences.Add(7);
            session.Save(member);
            await session.CommitAsync(default);
        }

        Assert.Equal([1L, 3L], await sync.LedgerUsersAsync(Braze, new LedgerMatch(["in:7"]), 7, null, 10, CancellationToken.None));
        Assert.Equal(2, await sync.CountLedgerUsersAsync(Braze, new LedgerMatch(["in:7"]), 7, CancellationToken.None));
        Assert.Equal([1L, 2L, 3L], await sync.LedgerUsersAsync(Braze, new LedgerMatch(["in:7"]), 8, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_latest_membership_change_id_follows_the_log()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        Assert.Equal(0, await sync.LatestMembershipChangeIdAsync(CancellationToken.None));

        using (var session = await store.BeginSessionAsync(default))
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, Now));
            session.AppendMembershipChange(new MembershipChange(0, 1, 101, MembershipAction.Add, Now));
            await session.CommitAsync(default);
        }

        Assert.Equal((await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None))[^1].Id, await sync.LatestMembershipChangeIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pruning_the_membership_log_forgets_only_old_entries_up_to_the_given_id_and_ids_keep_growing()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        using (var session = await store.BeginSessionAsync(default))
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, 10));
            session.AppendMembershipChange(new MembershipChange(0, 1, 101, MembershipAction.Add, 20));
            session.AppendMembershipChange(new MembershipChange(0, 1, 102, MembershipAction.Add, 30));
            session.AppendMembershipChange(new MembershipChange(0, 1, 103, MembershipAction.Add, 40));
            await session.CommitAsync(default);
        }

        var ids = (await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Select(c => c.Id).ToList();

        Assert.Equal(1, await sync.PruneMembershipChangesAsync(beforeMs: 35, upToId: ids[0], CancellationToken.None));
        Assert.Equal(2, await sync.PruneMembershipChangesAsync(beforeMs: 35, upToId: long.MaxValue, CancellationToken.None));
        Assert.Equal([ids[3]], (await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal(1, await sync.PruneMembershipChangesAsync(beforeMs: 50, upToId: long.MaxValue, CancellationToken.None));
        using (var session = await store.BeginSessionAsync(default))
        {
            session.AppendMembershipChange(new MembershipChange(0, 1, 104, MembershipAction.Add, 50));
            await session.CommitAsync(default);
        }

        Assert.True(Assert.Single(await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Id > ids[3]);
    }

    [Fact]
    public async Task Pruning_more_of_the_membership_log_than_one_statement_removes_every_old_entry_and_keeps_the_rest()
    {
        var store = await OpenAsync();
        var sync = AudienceSyncOf(store);
        using (var session = await store.BeginSessionAsync(default))
        {
            for (var i = 0; i < 12_345; i++)
            {
                session.AppendMembershipChange(new MembershipChange(0, 1, 1_000 + i, MembershipAction.Add, 10));
            }

            session.AppendMembershipChange(new MembershipChange(0, 1, 99, MembershipAction.Add, 60));
            await session.CommitAsync(default);
        }

        Assert.Equal(12_345, await sync.PruneMembershipChangesAsync(beforeMs: 50, upToId: long.MaxValue, CancellationToken.None));
        Assert.Equal(99, Assert.Single(await store.ReadMembershipChangesAsync(0, 100, CancellationToken.None)).Mpid);
    }
}
