using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class EventCriterionTests
{
    private const string Played = """{"type":"custom_event","name":"Played"}""";

    [Fact]
    public void A_named_custom_event_matches_only_that_name()
    {
        var profile = Profile().WithEvent(EventKeys.Custom("Played"), DaysAgo(1));
        Assert.True(Matches($$$"""{"event":{{{Played}}}}""", profile));
        Assert.False(Matches("""{"event":{"type":"custom_event","name":"Paused"}}""", profile));
        Assert.False(Matches("""{"event":{"type":"custom_event","name":"played"}}""", profile));
    }

    [Fact]
    public void A_custom_event_without_a_name_counts_every_custom_event()
    {
        var profile = Profile().WithEvent(EventKeys.Custom("Played"), DaysAgo(1)).WithEvent(EventKeys.Custom("Paused"), DaysAgo(2));
        Assert.True(Matches("""{"event":{"type":"custom_event"},"count":{"operator":"exactly","value":2}}""", profile));
        Assert.False(Matches("""{"event":{"type":"screen_view"}}""", profile));
    }

    [Fact]
    public void Screen_views_match_by_screen_name_or_any()
    {
        var profile = Profile().WithEvent(EventKeys.ScreenView("Home"), DaysAgo(1));
        Assert.True(Matches("""{"event":{"type":"screen_view","name":"Home"}}""", profile));
        Assert.True(Matches("""{"event":{"type":"screen_view"}}""", profile));
        Assert.False(Matches("""{"event":{"type":"screen_view","name":"Cart"}}""", profile));
    }

    [Fact]
    public void Commerce_events_match_by_action_or_any()
    {
        var profile = Profile().WithEvent(EventKeys.Commerce("add_to_cart"), DaysAgo(1));
        Assert.True(Matches("""{"event":{"type":"commerce_event","action":"add_to_cart"}}""", profile));
        Assert.True(Matches("""{"event":{"type":"commerce_event"}}""", profile));
        Assert.False(Matches("""{"event":{"type":"commerce_event","action":"purchase"}}""", profile));
    }

    [Fact]
    public void Cart_abandonment_is_an_add_to_cart_and_no_purchase()
    {
        const string criteria = """
            {"and":[
              {"event":{"type":"commerce_event","action":"add_to_cart"},"within_days":7},
              {"event":{"type":"commerce_event","action":"purchase"},"within_days":7,"count":{"operator":"exactly","value":0}}]}
            """;
        var abandoned = Profile().WithEvent(EventKeys.Commerce("add_to_cart"), DaysAgo(1));
        Assert.True(Matches(criteria, abandoned));
        Assert.False(Matches(criteria, abandoned.WithEvent(EventKeys.Commerce("purchase"), DaysAgo(0.5))));
    }

    [Theory]
    [InlineData("session_start")]
    [InlineData("session_end")]
    [InlineData("uninstall")]
    public void Plain_event_types_match_by_type(string type)
    {
        Assert.True(Matches($$$"""{"event":{"type":"{{{type}}}"}}""", Profile().WithEvent(EventKeys.OfType(type), DaysAgo(1))));
        Assert.False(Matches($$$"""{"event":{"type":"{{{type}}}"}}""", Profile().WithEvent(EventKeys.OfType("first_run"), DaysAgo(1))));
    }

    [Theory]
    [InlineData("at_least", 3, true)]
    [InlineData("at_least", 4, false)]
    [InlineData("exactly", 3, true)]
    [InlineData("exactly", 2, false)]
    [InlineData("at_most", 3, true)]
    [InlineData("at_most", 2, false)]
    [InlineData("at_least", 0, true)]
    [InlineData("exactly", 0, false)]
    [InlineData("at_most", 0, false)]
    public void Count_operators_compare_the_number_of_occurrences(string op, int value, bool expected)
    {
        var profile = Profile().WithEvents(EventKeys.Custom("Played"), [DaysAgo(1), DaysAgo(2), DaysAgo(3)]);
        Assert.Equal(expected, Matches($$$"""{"event":{{{Played}}},"count":{"operator":"{{{op}}}","value":{{{value}}}}}""", profile));
    }

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(3, 5, true)]
    [InlineData(4, 9, false)]
    [InlineData(0, 2, false)]
    public void Count_between_includes_both_bounds(int min, int max, bool expected)
    {
        var profile = Profile().WithEvents(EventKeys.Custom("Played"), [DaysAgo(1), DaysAgo(2), DaysAgo(3)]);
        Assert.Equal(expected, Matches($$$"""{"event":{{{Played}}},"count":{"operator":"between","value":{{{min}}},"max":{{{max}}}}}""", profile));
    }

    [Theory]
    [InlineData("exactly")]
    [InlineData("at_most")]
    public void A_count_of_zero_selects_users_who_never_did_it(string op)
    {
        var criteria = $$$"""{"event":{{{Played}}},"count":{"operator":"{{{op}}}","value":0}}""";
        Assert.True(Matches(criteria, Profile()));
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Paused"), DaysAgo(1))));
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), DaysAgo(1))));
    }

    [Fact]
    public void Without_a_window_the_all_time_count_includes_forgotten_occurrences()
    {
        var profile = Profile().WithEvents(EventKeys.Custom("Played"), [DaysAgo(1)], olderCount: 9);
        Assert.True(Matches($$$"""{"event":{{{Played}}},"count":{"operator":"exactly","value":10}}""", profile));
        Assert.True(Matches($$$"""{"event":{{{Played}}},"within_days":30,"count":{"operator":"exactly","value":1}}""", profile));
    }

    [Fact]
    public void A_rolling_window_excludes_exactly_n_days_ago_and_includes_just_after()
    {
        var criteria = $$$"""{"event":{{{Played}}},"within_days":7}""";
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now - (7 * DayMs))));
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now - (7 * DayMs) + 1)));
    }

    [Fact]
    public void A_rolling_window_includes_now_and_excludes_the_future()
    {
        var criteria = $$$"""{"event":{{{Played}}},"within_days":1}""";
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now)));
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now + 1)));
    }

    [Fact]
    public void A_rolling_window_moves_with_now()
    {
        var profile = Profile().WithEvent(EventKeys.Custom("Played"), Now);
        var criteria = $$$"""{"event":{{{Played}}},"within_days":7}""";
        Assert.True(Matches(criteria, profile, Now + (7 * DayMs) - 1));
        Assert.False(Matches(criteria, profile, Now + (7 * DayMs)));
    }

    [Fact]
    public void A_date_range_includes_whole_utc_days_at_both_ends()
    {
        var criteria = $$$"""{"event":{{{Played}}},"between":{"from":"2026-01-01","to":"2026-01-31"}}""";
        long At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), At("2026-01-01T00:00:00Z"))));
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), At("2026-01-31T23:59:59.999Z"))));
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), At("2025-12-31T23:59:59.999Z"))));
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), At("2026-02-01T00:00:00Z"))));
    }

    [Fact]
    public void A_one_day_range_covers_that_day()
    {
        var criteria = $$$"""{"event":{{{Played}}},"between":{"from":"2026-03-15","to":"2026-03-15"}}""";
        Assert.True(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now)));
        Assert.False(Matches(criteria, Profile().WithEvent(EventKeys.Custom("Played"), Now - DayMs)));
    }

    [Fact]
    public void Where_conditions_count_only_matching_occurrences()
    {
        var profile = Profile()
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(1), ("genre", "Jazz"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(2), ("genre", "jazz"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(3), ("genre", "rock"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(4));
        const string jazz = """[{"attribute":"genre","operator":"equals","value":"jazz"}]""";
        Assert.True(Matches($$$"""{"event":{{{Played}}},"where":{{{jazz}}},"count":{"operator":"exactly","value":2}}""", profile));
        Assert.True(Matches($$$"""{"event":{{{Played}}},"where":[{"attribute":"genre","operator":"not_equals","value":"jazz"}],"count":{"operator":"exactly","value":2}}""", profile));
        Assert.True(Matches($$$"""{"event":{{{Played}}},"where":[{"attribute":"genre","operator":"exists"}],"count":{"operator":"exactly","value":3}}""", profile));
    }

    [Fact]
    public void Every_where_condition_must_hold_on_the_same_occurrence()
    {
        var profile = Profile()
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(1), ("genre", "jazz"), ("minutes", "3"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(2), ("genre", "rock"), ("minutes", "12"));
        const string where = """[{"attribute":"genre","operator":"equals","value":"jazz"},{"attribute":"minutes","operator":"greater_than","value":10}]""";
        Assert.False(Matches($$$"""{"event":{{{Played}}},"where":{{{where}}}}""", profile));
    }

    [Fact]
    public void Where_and_window_combine()
    {
        var profile = Profile()
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(40), ("genre", "jazz"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(2), ("genre", "jazz"));
        Assert.True(Matches($$$"""{"event":{{{Played}}},"within_days":30,"where":[{"attribute":"genre","operator":"pattern","value":"J*"}],"count":{"operator":"exactly","value":1}}""", profile));
    }
}
