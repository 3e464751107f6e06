using Switchyard.Braze.Audiences;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class IdentityAndCleanupPlanTests
{
    public static TheoryData<string> Options => [.. AllOptions];

    [Theory]
    [MemberData(nameof(Options))]
    public void A_clean_up_of_a_connection_that_was_activated_again_does_not_take_a_current_member_out(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);
        var ledger = After(null, joined);

        // Clean-up items queued, then the connection activated again before they were delivered: the sync job's item
        // for this member lands in the same pass as the clean-up item.
        var plan = Plan(option, User(11036), [Ibiza], ledger, cleanup: [11036]);

        Assert.Equal("", Sent(plan));
        Assert.Equal(ledger, After(ledger, plan));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void A_user_whose_external_id_changed_gets_the_whole_membership_under_the_new_id(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);
        var ledger = After(null, joined);

        var renamed = User(11036, 11034);
        renamed.UserIdentities["customer_id"] = "c2";
        var plan = AudiencePlanner.Plan(PlannerFixture.Settings(option), renamed, [Ibiza, Paris], ledger, new HashSet<int>());

        var json = Braze.Mapping.BrazeTrackJson.ToJson(plan.ToUpdate());
        Assert.Contains("\"external_id\":\"c2\"", json, StringComparison.Ordinal);
        var forms = PlannerFixture.Settings(option).SendSegmentsAs;
        if (forms.HasFlag(Braze.Settings.SendSegmentsAs.String))
        {
            Assert.Contains("\"SegmentMembership\":\"11034,11036\"", json, StringComparison.Ordinal);
        }

        if (forms.HasFlag(Braze.Settings.SendSegmentsAs.Array))
        {
            Assert.Contains("\"SegmentMembershipArray\":{\"add\":[\"11034\",\"11036\"]}", json, StringComparison.Ordinal);
        }

        if (forms.HasFlag(Braze.Settings.SendSegmentsAs.PerSegment))
        {
            Assert.Contains("\"In Ibiza dreamers\":true", json, StringComparison.Ordinal);
            Assert.Contains("\"In Possible Parisians\":true", json, StringComparison.Ordinal);
        }

        // Once acknowledged under the new id, nothing more is sent.
        var next = AudiencePlanner.Plan(PlannerFixture.Settings(option), renamed, [Ibiza, Paris], After(ledger, plan), new HashSet<int>());
        Assert.False(next.HasChanges);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void A_user_whose_external_id_changed_and_left_sends_nothing_to_the_new_id_for_the_old_membership(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);
        var ledger = After(null, joined);

        var renamed = User();
        renamed.UserIdentities["customer_id"] = "c2";
        var plan = AudiencePlanner.Plan(PlannerFixture.Settings(option), renamed, [Ibiza], ledger, new HashSet<int>());

        // The new Braze user never had the attribute: no removal, no false.
        Assert.False(plan.HasChanges);
    }
}
