using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class SharedExternalNamePlanTests
{
    private static readonly Switchyard.Braze.Engine.AudienceLink Low = new(11034, "Dreamers", true);

    private static readonly Switchyard.Braze.Engine.AudienceLink High = new(11036, "Dreamers", true);

    [Fact]
    public void Leaving_one_of_two_audiences_with_the_same_external_name_keeps_the_attribute_true_while_in_the_other()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Dreamers" };

        var plan = Plan("one_attribute_per_segment", User(11034), [Low, High], ledger);

        Assert.Equal("\"In Dreamers\":true", Sent(plan));
        Assert.Equal("", Sent(Plan("one_attribute_per_segment", User(11034), [Low, High], After(ledger, plan))));
        var left = Plan("one_attribute_per_segment", User(), [Low, High], After(ledger, plan));
        Assert.Equal("\"In Dreamers\":false", Sent(left));
    }

    [Fact]
    public void Renaming_an_audience_to_another_name_does_not_remove_that_attribute_from_a_member_of_the_audience_that_keeps_it()
    {
        var ledger = new Dictionary<string, string> { ["in:11036"] = "true:In Dreamers", ["in:11034"] = "true:In Dreamers" };

        var plan = Plan("one_attribute_per_segment", User(11034, 11036), [Low, High with { ExternalName = "Sleepers" }], ledger);

        Assert.Equal("\"In Sleepers\":true", Sent(plan));
    }
}
