using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.Core.Tests.Delivery.AudienceSync;

public sealed class AudienceJobStepsTests
{
    private const int Audience = 11036;

    [Fact]
    public void A_new_sync_walks_the_current_members_first_from_the_start()
    {
        var job = Job(AudienceJobKind.Sync, phase: 0);

        Assert.Equal(AudienceJobWalk.Members, AudienceJobSteps.WalkOf(job));
        Assert.Null(AudienceJobSteps.After(job));
        Assert.False(AudienceJobSteps.WaitsForPlannedItems(job));
    }

    [Fact]
    public void A_page_of_members_queues_them_and_moves_the_cursor_to_the_last_one()
    {
        var advance = AudienceJobSteps.AfterMembers([-4, 1, 2]);

        Assert.Equal((0, 2L, false, 3), (advance.Phase, advance.CursorMpid, advance.Finished, advance.Work));
        Assert.Equal([-4L, 1, 2], advance.Users);
    }

    [Fact]
    public void When_no_members_are_left_a_sync_moves_to_the_ledger_phase_from_its_start_without_finishing()
    {
        var advance = AudienceJobSteps.AfterMembers([]);

        Assert.Equal((1, AudienceJob.NotStarted, false, 1), (advance.Phase, advance.CursorMpid, advance.Finished, advance.Work));
        Assert.Empty(advance.Users);
        var next = Job(AudienceJobKind.Sync, phase: 1);
        Assert.Equal(AudienceJobWalk.LedgerUsers, AudienceJobSteps.WalkOf(next));
        Assert.Equal(Audience, AudienceJobSteps.NotMemberOf(next));
        Assert.Equal(AudienceSyncPayloads.Sync, AudienceJobSteps.PayloadOf(next));
    }

    [Fact]
    public void A_clean_up_walks_every_user_with_the_audiences_attributes_and_queues_clean_up_items()
    {
        var job = Job(AudienceJobKind.CleanUp, phase: 1);

        Assert.Equal(AudienceJobWalk.LedgerUsers, AudienceJobSteps.WalkOf(job));
        Assert.Null(AudienceJobSteps.NotMemberOf(job));
        Assert.Equal("""{"cleanup":[11036]}""", AudienceJobSteps.PayloadOf(job));
    }

    [Fact]
    public void A_clean_up_waits_for_planned_items_only_before_its_first_page()
    {
        Assert.True(AudienceJobSteps.WaitsForPlannedItems(Job(AudienceJobKind.CleanUp, phase: 1)));
        Assert.False(AudienceJobSteps.WaitsForPlannedItems(Job(AudienceJobKind.CleanUp, phase: 1, cursor: -3)));
    }

    [Fact]
    public void A_full_page_of_ledger_users_keeps_the_job_running_and_a_short_one_finishes_it()
    {
        var job = Job(AudienceJobKind.CleanUp, phase: 1, cursor: 5);

        var full = AudienceJobSteps.AfterLedgerUsers(job, [6, 7], chunk: 2);
        var shortPage = AudienceJobSteps.AfterLedgerUsers(job, [6], chunk: 2);
        var empty = AudienceJobSteps.AfterLedgerUsers(job, [], chunk: 2);

        Assert.Equal((1, 7L, false, 2), (full.Phase, full.CursorMpid, full.Finished, full.Work));
        Assert.Equal((1, 6L, true, 1), (shortPage.Phase, shortPage.CursorMpid, shortPage.Finished, shortPage.Work));
        Assert.Equal((1, 5L, true, 1), (empty.Phase, empty.CursorMpid, empty.Finished, empty.Work));
    }

    [Fact]
    public void Options_that_cannot_pace_a_job_are_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AudienceSyncOptions { JobChunk = 0 }.Validated());

        Assert.Equal("JobChunk", error.ParamName);
        Assert.Equal(new AudienceSyncOptions(), new AudienceSyncOptions().Validated());
    }

    private static AudienceJob Job(AudienceJobKind kind, int phase, long cursor = AudienceJob.NotStarted) =>
        new(1, "braze-audiences", Audience, kind, AudienceJobState.Running, phase, cursor, 0, 10, 1_000, null);
}
