namespace Switchyard.Sandbox.Tests.Segments;

public sealed class StringOperatorTests
{
    [Theory]
    [InlineData("\"Berlin\"", true)]
    [InlineData("\"berlin\"", false)]
    [InlineData("\"Berlin \"", false)]
    [InlineData(null, false)]
    [InlineData("null", false)]
    [InlineData("5", false)]
    public void Equals_is_exact_and_case_sensitive(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("equals", "\"value\":\"Berlin\"", value));

    [Theory]
    [InlineData("\"Paris\"", true)]
    [InlineData("\"Berlin\"", false)]
    [InlineData("\"BERLIN\"", false)]
    [InlineData(null, true)]
    public void Does_not_equal_ignores_case_as_Braze_documents_and_includes_missing_values(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_equal", "\"value\":\"Berlin\"", value));

    [Theory]
    [InlineData("\"user@EXAMPLE.com\"", true)]
    [InlineData("\"x-example-y\"", true)]
    [InlineData("\"exampl\"", false)]
    [InlineData("\"\"", false)]
    [InlineData(null, false)]
    public void Matches_regex_is_case_insensitive_and_unanchored(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("matches_regex", "\"value\":\"example\"", value));

    [Fact]
    public void Matches_regex_honours_explicit_anchors()
    {
        Assert.True(FilterHarness.Matches("matches_regex", "\"value\":\"^ab\"", "\"ABc\""));
        Assert.False(FilterHarness.Matches("matches_regex", "\"value\":\"^ab\"", "\"cab\""));
    }

    [Theory]
    [InlineData("\"gmail.com\"", true)]
    [InlineData("\"EXAMPLE.com\"", false)]
    [InlineData("\"\"", false)]
    [InlineData(null, false)]
    [InlineData("null", false)]
    public void Does_not_match_regex_excludes_blank_and_missing_values(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_match_regex", "\"value\":\"example\"", value));

    [Theory]
    [InlineData(null, true)]
    [InlineData("null", true)]
    [InlineData("\"\"", true)]
    [InlineData("\" \"", false)]
    [InlineData("\"x\"", false)]
    public void Blank_means_missing_null_or_empty_and_whitespace_is_significant(string? value, bool expected)
    {
        Assert.Equal(expected, FilterHarness.Matches("is_blank", "", value));
        Assert.Equal(!expected, FilterHarness.Matches("is_not_blank", "", value));
    }

    [Theory]
    [InlineData("\"DE\"", true)]
    [InlineData("\"FR\"", true)]
    [InlineData("\"de\"", false)]
    [InlineData("\"US\"", false)]
    [InlineData(null, false)]
    public void Is_any_of_matches_exact_values(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("is_any_of", "\"values\":[\"DE\",\"FR\"]", value));

    [Theory]
    [InlineData("\"DE\"", false)]
    [InlineData("\"de\"", true)]
    [InlineData("\"US\"", true)]
    [InlineData(null, true)]
    public void Is_none_of_excludes_exact_values(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("is_none_of", "\"values\":[\"DE\",\"FR\"]", value));

    [Theory]
    [InlineData("\"summer-sale\"", true)]
    [InlineData("\"big WINTER deal\"", false)]
    [InlineData("\"winter\"", true)]
    [InlineData("\"none\"", false)]
    [InlineData(null, false)]
    public void Contains_any_of_is_a_case_sensitive_substring_test(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("contains_any_of", "\"values\":[\"sale\",\"winter\"]", value));

    [Theory]
    [InlineData("\"summer-sale\"", false)]
    [InlineData("\"SALE\"", true)]
    [InlineData(null, true)]
    public void Does_not_contain_any_of_is_the_negation(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_contain_any_of", "\"values\":[\"sale\"]", value));

    [Fact]
    public void A_catastrophic_regex_times_out_as_no_match_instead_of_hanging()
    {
        var value = "\"" + new string('a', 5_000) + "!\"";
        Assert.False(FilterHarness.Matches("matches_regex", "\"value\":\"^(a+)+$\"", value));
    }
}
