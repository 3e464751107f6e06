using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class SeenCriterionTests
{
    private static Core.Profiles.Profile Seen(long firstMs, long lastMs)
    {
        var profile = Profile();
        profile.FirstSeenMs = firstMs;
        profile.LastSeenMs = lastMs;
        return profile;
    }

    [Theory]
    [InlineData("""{"seen":"first","operator":"within_last_days","value":7}""", true)]
    [InlineData("""{"seen":"first","operator":"before","value":"2026-03-10"}""", false)]
    [InlineData("""{"seen":"first","operator":"on","value":"2026-03-12"}""", true)]
    [InlineData("""{"seen":"last","operator":"within_last_days","value":1}""", true)]
    [InlineData("""{"seen":"last","operator":"after","value":"2026-03-16"}""", false)]
    public void First_and_last_seen_compare_as_dates(string criteria, bool expected) =>
        Assert.Equal(expected, Matches(criteria, Seen(DaysAgo(3), DaysAgo(0.5))));

    [Fact]
    public void Lapsed_users_are_those_not_seen_in_the_last_n_days() =>
        Assert.True(Matches("""{"not":{"seen":"last","operator":"within_last_days","value":30}}""", Seen(DaysAgo(90), DaysAgo(31))));

    [Fact]
    public void A_profile_never_seen_matches_only_negations()
    {
        Assert.False(Matches("""{"seen":"first","operator":"before","value":"2030-01-01"}""", Seen(0, 0)));
        Assert.True(Matches("""{"seen":"first","operator":"not_exists"}""", Seen(0, 0)));
    }

    [Theory]
    [InlineData("""{"seen":"middle","operator":"exists"}""", "criteria.seen: must be 'first' or 'last', not 'middle'.")]
    [InlineData("""{"seen":"first","operator":"equals","value":"2026-01-01"}""", "criteria.operator: 'equals' does not compare times")]
    [InlineData("""{"seen":"first","operator":"before","value":"2026-01-01","as":"date"}""", "criteria.as: first and last seen are always dates.")]
    [InlineData("""{"seen":"last","operator":"within_last_days","value":"7"}""", "criteria.value: 'within_last_days' needs a whole number of days")]
    public void Bad_seen_criteria_are_refused_with_their_path(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);
}
