using Switchyard.Braze.Engine;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class SingleArrayPlanTests
{
    private static readonly AudienceLink[] Both = [Ibiza, Paris];

    [Fact]
    public void Joining_adds_only_the_new_ids_as_strings()
    {
        var ledger = new Dictionary<string, string> { ["external_id"] = "c1", ["segment_membership_array:11034"] = "1" };

        var plan = Plan("single_array", User(11034, 11036), Both, ledger);

        Assert.Equal("\"SegmentMembershipArray\":{\"add\":[\"11036\"]}", Sent(plan));
        Assert.Equal("1", plan.Fields["segment_membership_array:11036"]);
        Assert.Single(plan.Fields);
    }

    [Fact]
    public void Leaving_removes_the_id_and_its_ledger_field()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership_array:11034"] = "1", ["segment_membership_array:11036"] = "1" };

        var plan = Plan("single_array", User(11034), Both, ledger);

        Assert.Equal("\"SegmentMembershipArray\":{\"remove\":[\"11036\"]}", Sent(plan));
        Assert.Null(plan.Fields["segment_membership_array:11036"]);
    }

    [Fact]
    public void Joining_one_and_leaving_another_is_one_edit()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership_array:11034"] = "1" };

        Assert.Equal("\"SegmentMembershipArray\":{\"add\":[\"11036\"],\"remove\":[\"11034\"]}", Sent(Plan("single_array", User(11036), Both, ledger)));
    }

    [Fact]
    public void An_unchanged_membership_sends_nothing()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership_array:11036"] = "1" };

        Assert.Equal("", Sent(Plan("single_array", User(11036), Both, ledger)));
    }

    [Fact]
    public void The_id_of_an_inactive_link_is_left_untouched()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership_array:11034"] = "1" };
        AudienceLink[] links = [Ibiza, Paris with { Active = false }];

        Assert.Equal("", Sent(Plan("single_array", User(), links, ledger)));
        Assert.Equal("", Sent(Plan("single_array", User(11034), links)));
    }

    [Fact]
    public void A_clean_up_removes_ids_the_ledger_has_and_ignores_the_others()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership_array:11034"] = "1" };

        var plan = Plan("single_array", User(11034), [], ledger, cleanup: [11034, 11036]);

        Assert.Equal("\"SegmentMembershipArray\":{\"remove\":[\"11034\"]}", Sent(plan));
    }
}
