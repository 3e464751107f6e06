using Switchyard.Braze.Audiences;
using Switchyard.Braze.Engine;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

/// <summary>Ledger fields older than <c>ledgerMaxAge</c>: still wanted values are sent again, removals still planned from them.</summary>
public sealed class ExpiredLedgerPlanTests
{
    private static readonly AudienceLink[] Both = [Ibiza, Paris];

    private static AudiencePlan PlanExpired(string forms, int[] audiences, Dictionary<string, string> ledger, params string[] expired) =>
        AudiencePlanner.Plan(PlannerFixture.Settings(forms), User(audiences), Both, ledger, new HashSet<int>(), new HashSet<string>(expired));

    [Fact]
    public void An_expired_membership_string_is_sent_again_unchanged()
    {
        var ledger = new Dictionary<string, string> { ["external_id"] = "c1", ["segment_membership"] = "11034,11036" };

        Assert.Equal("", Sent(PlanExpired("single_string", [11034, 11036], ledger)));
        Assert.Equal("\"SegmentMembership\":\"11034,11036\"", Sent(PlanExpired("single_string", [11034, 11036], ledger, "segment_membership")));
    }

    [Fact]
    public void An_expired_array_element_is_added_again_and_a_left_one_is_still_removed()
    {
        var ledger = new Dictionary<string, string>
        {
            ["external_id"] = "c1", ["segment_membership_array:11034"] = "1", ["segment_membership_array:11036"] = "1",
        };

        var plan = PlanExpired("single_array", [11034], ledger, "segment_membership_array:11034", "segment_membership_array:11036");

        Assert.Equal("\"SegmentMembershipArray\":{\"add\":[\"11034\"],\"remove\":[\"11036\"]}", Sent(plan));
        Assert.Equal("1", plan.Fields["segment_membership_array:11034"]);
    }

    [Fact]
    public void An_expired_per_segment_value_is_sent_again_and_a_fresh_one_is_not()
    {
        var ledger = new Dictionary<string, string>
        {
            ["external_id"] = "c1", ["in:11034"] = "true:In Possible Parisians", ["in:11036"] = "false:In Ibiza dreamers",
        };

        Assert.Equal("", Sent(PlanExpired("one_attribute_per_segment", [11034], ledger)));
        Assert.Equal(
            "\"In Possible Parisians\":true",
            Sent(PlanExpired("one_attribute_per_segment", [11034], ledger, "in:11034")));
    }
}
