using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>Date operators on attributes: mParticle's before (exclusive), after and on (inclusive), and recency in days.</summary>
public sealed class DateOperatorTests
{
    [Theory]
    [InlineData("before", "2026-03-01", "2026-02-28T23:59:59Z", true)]
    [InlineData("before", "2026-03-01", "2026-03-01", false)]
    [InlineData("after", "2026-03-01", "2026-03-01T00:00:00Z", true)]
    [InlineData("after", "2026-03-01", "2026-02-28T23:59:59.999Z", false)]
    [InlineData("on", "2026-03-01", "2026-03-01T23:59:59.999Z", true)]
    [InlineData("on", "2026-03-01", "2026-03-02T00:00:00Z", false)]
    [InlineData("on", "2026-03-01", "2026-03-01T23:30:00-01:00", false)]
    [InlineData("on", "2026-03-01", "1772323200000", true)]
    public void Whole_day_operators_follow_mparticle_date_rules(string op, string day, string stored, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"renewal","operator":"{{op}}","value":"{{day}}"}""", Profile().WithText("renewal", stored)));

    [Theory]
    [InlineData("within_last_days", 7, -6.9, true)]
    [InlineData("within_last_days", 7, -7, false)]
    [InlineData("within_last_days", 7, 0.1, false)]
    [InlineData("within_next_days", 7, 6.9, true)]
    [InlineData("within_next_days", 7, 7, false)]
    [InlineData("within_next_days", 7, -0.1, false)]
    public void Recency_operators_count_whole_24_hour_days_from_now(string op, int days, double offsetDays, bool expected)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now + (long)(offsetDays * DayMs)).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, Matches($$"""{"attribute":"trial_end","operator":"{{op}}","value":{{days}}}""", Profile().WithText("trial_end", at)));
    }

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    [InlineData("on")]
    public void A_missing_date_attribute_matches_no_date_operator(string op) =>
        Assert.False(Matches($$"""{"attribute":"renewal","operator":"{{op}}","value":"2026-03-01"}""", Profile()));

    [Theory]
    [InlineData("soon")]
    [InlineData("03/01/2026")]
    [InlineData("true")]
    public void A_value_that_is_not_a_date_matches_no_date_operator(string stored)
    {
        var profile = Profile().WithText("renewal", stored);
        Assert.False(Matches("""{"attribute":"renewal","operator":"after","value":"1970-01-01"}""", profile));
        Assert.False(Matches("""{"attribute":"renewal","operator":"within_last_days","value":3650}""", profile));
    }

    [Fact]
    public void A_list_attribute_is_not_a_date() =>
        Assert.False(Matches("""{"attribute":"renewal","operator":"before","value":"2030-01-01"}""", Profile().WithList("renewal", "2026-01-01")));

    [Theory]
    [InlineData("""{"attribute":"d","operator":"before","value":"01/03/2026"}""", "criteria.value: 'before' needs a day as a string, yyyy-MM-dd (UTC).")]
    [InlineData("""{"attribute":"d","operator":"on","value":20260301}""", "criteria.value: 'on' needs a day")]
    [InlineData("""{"attribute":"d","operator":"within_last_days","value":0}""", "criteria.value: 'within_last_days' needs a whole number of days, 1 to 3650.")]
    [InlineData("""{"attribute":"d","operator":"within_next_days","value":"7"}""", "criteria.value: 'within_next_days' needs a whole number of days")]
    [InlineData("""{"attribute":"d","operator":"after"}""", "criteria.value: is required.")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"attribute":"d","operator":"within_last_days","value":3}]}""", "criteria.where[0].operator: 'within_last_days' moves with the clock")]
    public void Bad_date_operands_are_refused_with_their_path(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);

    [Fact]
    public void Where_conditions_accept_whole_day_operators()
    {
        var profile = Profile().WithEvent("custom_event:Booked", DaysAgo(1), ("trip", "2026-07-04"));
        Assert.True(Matches("""{"event":{"type":"custom_event","name":"Booked"},"where":[{"attribute":"trip","operator":"after","value":"2026-07-01"}]}""", profile));
        Assert.False(Matches("""{"event":{"type":"custom_event","name":"Booked"},"where":[{"attribute":"trip","operator":"before","value":"2026-07-01"}]}""", profile));
    }
}
