using Switchyard.Core.Profiles;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>Audience re-evaluation turns membership differences into the durable membership log.</summary>
public class MembershipTests
{
    private readonly ProcessingHarness _harness = new();

    [Fact]
    public void Joining_and_leaving_an_audience_append_add_and_remove_changes()
    {
        _harness.Audiences.AttributeEquals(1, "plan", "pro").AttributeEquals(2, "plan", "free");

        var joined = _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("plan", Text("pro"))), T0);
        var switched = _harness.Process(For(customerId: "c1", atMs: T0 + 1).WithAttributes(("plan", Text("free"))), T0 + 1);

        Assert.Equal([new MembershipChange(0, 1, joined.Mpid, MembershipAction.Add, T0)], joined.Changes);
        Assert.Equal(
            [new MembershipChange(0, 1, joined.Mpid, MembershipAction.Remove, T0 + 1), new MembershipChange(0, 2, joined.Mpid, MembershipAction.Add, T0 + 1)],
            switched.Changes);
        Assert.Equal([1, 2, 3], _harness.Store.MembershipLog.Select(c => c.Id));
        Assert.Equal([2], _harness.Profile(joined.Mpid).Audiences);
    }

    [Fact]
    public void A_member_whose_user_identity_is_added_or_changed_is_flagged_and_a_repeat_or_a_non_member_is_not()
    {
        _harness.Audiences.AttributeEquals(1, "plan", "pro");
        _harness.Process(For(idfv: "device-1", atMs: T0).WithAttributes(("plan", Text("pro"))), T0);
        _harness.Process(For(idfv: "device-2", atMs: T0).WithAttributes(("plan", Text("free"))), T0);

        var loggedIn = _harness.Process(For(idfv: "device-1", customerId: "c1", atMs: T0 + 1), T0 + 1);
        var again = _harness.Process(For(idfv: "device-1", customerId: "c1", atMs: T0 + 2), T0 + 2);
        var changed = _harness.Process(For(idfv: "device-1", customerId: "c1", email: "new@example.com", atMs: T0 + 3), T0 + 3);
        var nonMember = _harness.Process(For(idfv: "device-2", customerId: "c2", atMs: T0 + 4), T0 + 4);

        Assert.Empty(loggedIn.Changes);
        Assert.True(loggedIn.MemberIdentityChanged);
        Assert.False(again.MemberIdentityChanged);
        Assert.True(changed.MemberIdentityChanged);
        Assert.False(nonMember.MemberIdentityChanged);
    }

    [Fact]
    public void An_unchanged_membership_appends_nothing()
    {
        _harness.Audiences.AttributeEquals(1, "plan", "pro");
        _harness.Process(For(customerId: "c1").WithAttributes(("plan", Text("pro"))));

        var again = _harness.Process(For(customerId: "c1").WithAttributes(("city", Text("Oslo"))));

        Assert.Empty(again.Changes);
        Assert.Single(_harness.Store.MembershipLog);
    }

    [Fact]
    public void Reevaluate_expires_a_recency_membership_once_the_window_has_passed()
    {
        _harness.Audiences.EventWithin(5, EventKeys.Custom("Played"), days: 7);
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("Played", T0)), T0).Mpid;
        Assert.Equal([5], _harness.Profile(mpid).Audiences);

        var early = _harness.Reevaluate(mpid, T0 + (6 * DayMs));
        var late = _harness.Reevaluate(mpid, T0 + (8 * DayMs));

        Assert.Empty(early.Changes);
        Assert.Equal([new MembershipChange(0, 5, mpid, MembershipAction.Remove, T0 + (8 * DayMs))], late.Changes);
        Assert.Empty(_harness.Profile(mpid).Audiences);
    }

    [Fact]
    public async Task Time_windows_are_reevaluated_for_the_profiles_due_in_the_expiry_index()
    {
        _harness.Audiences.EventWithin(5, EventKeys.Custom("Played"), days: 7).AttributeEquals(6, "plan", "pro");
        var old = _harness.Process(For(customerId: "old").WithEvents(Custom("Played", T0)), T0).Mpid;
        var recent = _harness.Process(For(customerId: "recent").WithEvents(Custom("Played", T0 + (5 * DayMs))), T0 + (5 * DayMs)).Mpid;
        _harness.Process(For(customerId: "pro").WithAttributes(("plan", Text("pro"))), T0);

        var outcomes = await _harness.Processor.ReevaluateTimeWindowsAsync(_harness.Store.BeginSessionAsync, _harness.Audiences, T0 + (8 * DayMs), pageSize: 1, default);

        Assert.Equal(old, Assert.Single(outcomes).Mpid);
        Assert.Empty(_harness.Profile(old).Audiences);
        Assert.Equal([5], _harness.Profile(recent).Audiences);
    }

    [Fact]
    public void Reevaluate_trims_expired_occurrences_and_saves_them()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("Played", T0)), T0).Mpid;

        _harness.Reevaluate(mpid, T0 + (31 * DayMs));

        var stats = _harness.Profile(mpid).Events[EventKeys.Custom("Played")];
        Assert.Empty(stats.Recent);
        Assert.Equal(1, stats.TotalCount);
    }

    [Fact]
    public void Reevaluate_of_an_unknown_profile_changes_nothing()
    {
        var outcome = _harness.Reevaluate(99, T0);

        Assert.Empty(outcome.Changes);
        Assert.Empty(_harness.Store.Documents);
    }

    [Fact]
    public void Nothing_is_stored_when_the_session_is_not_committed()
    {
        _harness.Audiences.AttributeEquals(1, "plan", "pro");
        using (var session = _harness.Store.BeginSession())
        {
            ProcessingHarness.Completed(_harness.Processor.ProcessAsync(session, For(customerId: "c1").WithAttributes(("plan", Text("pro"))), T0, _harness.Audiences, T0, default));
            session.SetCheckpoint(7);
        }

        Assert.Empty(_harness.Store.Documents);
        Assert.Empty(_harness.Store.Links);
        Assert.Empty(_harness.Store.MembershipLog);
        Assert.Equal(0, _harness.Store.Checkpoint);
    }

    [Fact]
    public void Replaying_a_batch_counts_its_events_again_which_is_why_the_checkpoint_commits_with_the_effects()
    {
        var batch = For(customerId: "c1", atMs: T0).WithEvents(Custom("Played", T0));
        var mpid = _harness.Process(batch).Mpid;

        _harness.Process(batch);

        Assert.Equal(2, _harness.Profile(mpid).Events[EventKeys.Custom("Played")].TotalCount);
        Assert.Equal(2, _harness.Store.Checkpoint);
    }
}
