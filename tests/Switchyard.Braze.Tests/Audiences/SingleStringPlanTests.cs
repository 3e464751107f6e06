using Switchyard.Braze.Audiences;
using Switchyard.Braze.Engine;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class SingleStringPlanTests
{
    private static readonly AudienceLink[] Both = [Ibiza, Paris];

    [Fact]
    public void A_member_gets_the_ids_of_its_active_audiences_ascending_without_spaces()
    {
        var plan = Plan("single_string", User(11036, 11034, 5), Both);

        Assert.Equal("\"SegmentMembership\":\"11034,11036\"", Sent(plan));
        Assert.Equal("11034,11036", plan.Fields["segment_membership"]);
    }

    [Fact]
    public void An_unchanged_membership_sends_nothing()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership"] = "11034,11036" };

        Assert.Equal("", Sent(Plan("single_string", User(11034, 11036), Both, ledger)));
    }

    [Fact]
    public void Leaving_one_audience_rewrites_the_string_and_leaving_the_last_removes_the_attribute()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership"] = "11034,11036" };

        var left = Plan("single_string", User(11036), Both, ledger);
        Assert.Equal("\"SegmentMembership\":\"11036\"", Sent(left));

        var gone = Plan("single_string", User(), Both, After(ledger, left));
        Assert.Equal("\"SegmentMembership\":null", Sent(gone));
        Assert.Empty(After(After(ledger, left), gone));
    }

    [Fact]
    public void A_user_who_was_never_a_member_gets_nothing()
    {
        Assert.Equal("", Sent(Plan("single_string", User(42), Both)));
    }

    [Fact]
    public void The_id_of_an_inactive_or_deleted_link_stays_as_last_sent()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership"] = "11034,11036,20000" };
        AudienceLink[] links = [Ibiza, Paris with { Active = false }];

        // The user left 11036 (active) and 11034 (inactive); 20000 has no link any more.
        var plan = Plan("single_string", User(), links, ledger);

        Assert.Equal("\"SegmentMembership\":\"11034,20000\"", Sent(plan));
    }

    [Fact]
    public void A_clean_up_removes_its_ids_even_when_the_link_is_inactive_or_gone()
    {
        var ledger = new Dictionary<string, string> { ["segment_membership"] = "11034,11036,20000" };
        AudienceLink[] links = [Ibiza, Paris with { Active = false }];

        var plan = Plan("single_string", User(11036), links, ledger, cleanup: [11034, 20000]);

        Assert.Equal("\"SegmentMembership\":\"11036\"", Sent(plan));
    }

    [Fact]
    public void Ids_that_would_take_the_string_past_255_characters_are_left_out_and_counted()
    {
        var ids = Enumerable.Range(10000, 60).ToArray();
        var links = ids.Select(i => new AudienceLink(i, "A" + i, true)).ToArray();

        var plan = Plan("single_string", User(ids), links);

        // 42 five-digit ids and 41 commas are 251 characters; the 43rd would make 257.
        var text = plan.Fields["segment_membership"]!;
        Assert.Equal(251, text.Length);
        Assert.Equal(string.Join(",", ids.Take(42)), text);
        Assert.Equal(18, plan.TruncatedIds);
    }

    [Fact]
    public void The_membership_string_of_exactly_255_characters_is_kept_whole()
    {
        // 5 + 25 × (1 + 9) = 255.
        var (text, truncated) = AudiencePlanner.MembershipString([12345, .. Enumerable.Range(100_000_000, 25)]);

        Assert.Equal(255, text.Length);
        Assert.Equal(0, truncated);
    }
}
