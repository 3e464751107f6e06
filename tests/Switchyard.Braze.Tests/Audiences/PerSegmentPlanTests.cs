using Switchyard.Braze.Engine;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class PerSegmentPlanTests
{
    [Fact]
    public void A_member_gets_true_under_in_and_the_external_name()
    {
        var plan = Plan("one_attribute_per_segment", User(11036), [Ibiza, Paris]);

        Assert.Equal("\"In Ibiza dreamers\":true", Sent(plan));
        Assert.Equal("true:In Ibiza dreamers", plan.Fields["in:11036"]);
    }

    [Fact]
    public void Leaving_sends_false_but_a_user_who_was_never_a_member_gets_nothing()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Ibiza dreamers" };

        Assert.Equal("\"In Ibiza dreamers\":false", Sent(Plan("one_attribute_per_segment", User(), [Ibiza], ledger)));
        Assert.Equal("", Sent(Plan("one_attribute_per_segment", User(), [Ibiza])));
    }

    [Fact]
    public void Unchanged_values_are_not_sent_again()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Ibiza dreamers", ["in:11034"] = "false:In Possible Parisians" };

        Assert.Equal("", Sent(Plan("one_attribute_per_segment", User(11036), [Ibiza, Paris], ledger)));
    }

    [Fact]
    public void An_inactive_link_is_left_untouched()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Ibiza dreamers" };

        Assert.Equal("", Sent(Plan("one_attribute_per_segment", User(), [Ibiza with { Active = false }], ledger)));
    }

    [Fact]
    public void A_clean_up_removes_the_attribute_by_the_name_last_sent()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "false:In Ibiza dreamers" };

        var plan = Plan("one_attribute_per_segment", User(), [], ledger, cleanup: [11036]);

        Assert.Equal("\"In Ibiza dreamers\":null", Sent(plan));
        Assert.Null(plan.Fields["in:11036"]);
    }

    [Fact]
    public void A_clean_up_after_a_rename_removes_the_old_attribute()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Ibiza dreamers" };
        AudienceLink[] renamed = [Ibiza with { ExternalName = "Mallorca dreamers", Active = false }];

        Assert.Equal("\"In Ibiza dreamers\":null", Sent(Plan("one_attribute_per_segment", User(11036), renamed, ledger, cleanup: [11036])));
    }

    [Fact]
    public void A_rename_of_an_active_link_moves_the_value_to_the_new_name()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Ibiza dreamers" };
        AudienceLink[] renamed = [Ibiza with { ExternalName = "Mallorca dreamers" }];

        var plan = Plan("one_attribute_per_segment", User(11036), renamed, ledger);

        Assert.Equal("\"In Ibiza dreamers\":null,\"In Mallorca dreamers\":true", Sent(plan));
        Assert.Equal("true:In Mallorca dreamers", plan.Fields["in:11036"]);
    }
}
