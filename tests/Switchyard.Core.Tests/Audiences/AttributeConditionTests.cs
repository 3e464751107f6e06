using Switchyard.Core.Ingest.Model;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class AttributeConditionTests
{
    [Theory]
    [InlineData("exists", true)]
    [InlineData("not_exists", false)]
    public void Exists_is_true_for_a_set_attribute(string op, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"plan","operator":"{{op}}"}""", Profile().WithText("plan", "pro")));

    [Theory]
    [InlineData("exists", false)]
    [InlineData("not_exists", true)]
    public void A_missing_attribute_does_not_exist(string op, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"plan","operator":"{{op}}"}""", Profile()));

    [Theory]
    [InlineData("exists", false)]
    [InlineData("not_exists", true)]
    [InlineData("equals", false)]
    [InlineData("not_equals", true)]
    public void A_tombstone_counts_as_missing(string op, bool expected)
    {
        var value = op.Contains("exists", StringComparison.Ordinal) ? "" : ""","value":"pro" """;
        Assert.Equal(expected, Matches($$"""{"attribute":"plan","operator":"{{op}}"{{value}}}""", Profile().WithDeleted("plan", "pro")));
    }

    [Fact]
    public void A_user_tag_exists_but_equals_nothing()
    {
        var profile = Profile().WithTag("vip");
        Assert.True(Matches("""{"attribute":"vip","operator":"exists"}""", profile));
        Assert.False(Matches("""{"attribute":"vip","operator":"equals","value":""}""", profile));
    }

    [Theory]
    [InlineData("equals", "pro", true)]
    [InlineData("equals", "PRO", true)]
    [InlineData("equals", "pr", false)]
    [InlineData("not_equals", "Pro", false)]
    [InlineData("not_equals", "free", true)]
    [InlineData("contains", "RO", true)]
    [InlineData("contains", "x", false)]
    [InlineData("not_contains", "r", false)]
    [InlineData("not_contains", "x", true)]
    [InlineData("pattern", "P*", true)]
    [InlineData("pattern", "p?o", true)]
    [InlineData("pattern", "p?", false)]
    [InlineData("not_pattern", "*O", false)]
    [InlineData("not_pattern", "f*", true)]
    public void String_operators_ignore_case(string op, string operand, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"plan","operator":"{{op}}","value":"{{operand}}"}""", Profile().WithText("plan", "Pro")));

    [Theory]
    [InlineData("equals", false)]
    [InlineData("not_equals", true)]
    [InlineData("contains", false)]
    [InlineData("not_contains", true)]
    [InlineData("pattern", false)]
    [InlineData("not_pattern", true)]
    [InlineData("includes", false)]
    [InlineData("not_includes", true)]
    public void A_negation_is_true_and_a_positive_false_when_the_attribute_is_missing(string op, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"plan","operator":"{{op}}","value":"pro"}""", Profile().WithText("other", "pro")));

    [Theory]
    [InlineData("greater_than", "30", true)]
    [InlineData("greater_than", "31", false)]
    [InlineData("less_than", "32", true)]
    [InlineData("less_than", "31", false)]
    [InlineData("at_least", "31", true)]
    [InlineData("at_least", "31.5", false)]
    [InlineData("at_most", "31", true)]
    [InlineData("at_most", "30.9", false)]
    public void Number_comparisons_read_the_attribute_as_a_number(string op, string operand, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"age","operator":"{{op}}","value":{{operand}}}""", Profile().WithNumber("age", "31")));

    [Theory]
    [InlineData("18", true)]
    [InlineData("30", true)]
    [InlineData("24.5", true)]
    [InlineData("17.99", false)]
    [InlineData("30.01", false)]
    public void Between_includes_both_bounds(string age, bool expected) =>
        Assert.Equal(expected, Matches("""{"attribute":"age","operator":"between","value":18,"max":30}""", Profile().WithNumber("age", age)));

    [Fact]
    public void A_number_kept_as_a_string_still_compares_as_a_number() =>
        Assert.True(Matches("""{"attribute":"score","operator":"greater_than","value":9}""", Profile().WithText("score", "10")));

    [Theory]
    [InlineData("greater_than")]
    [InlineData("less_than")]
    [InlineData("at_least")]
    [InlineData("at_most")]
    public void Number_comparisons_are_false_for_text_and_missing_attributes(string op)
    {
        Assert.False(Matches($$"""{"attribute":"age","operator":"{{op}}","value":1}""", Profile().WithText("age", "old")));
        Assert.False(Matches($$"""{"attribute":"age","operator":"{{op}}","value":1}""", Profile()));
    }

    [Fact]
    public void Equals_with_a_number_compares_values_not_text()
    {
        Assert.True(Matches("""{"attribute":"level","operator":"equals","value":5}""", Profile().WithNumber("level", "5.0")));
        Assert.False(Matches("""{"attribute":"level","operator":"equals","value":5}""", Profile().WithNumber("level", "6")));
    }

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("true", "True", true)]
    [InlineData("false", "true", false)]
    public void Equals_with_a_boolean_matches_the_stored_text(string operand, string stored, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"subscribed","operator":"equals","value":{{operand}}}""", Profile().WithText("subscribed", stored, AttributeValueKind.Boolean)));

    [Theory]
    [InlineData("includes", "JAZZ", true)]
    [InlineData("includes", "rock", false)]
    [InlineData("not_includes", "Jazz", false)]
    [InlineData("not_includes", "rock", true)]
    public void List_operators_look_for_one_item_ignoring_case(string op, string item, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"attribute":"genres","operator":"{{op}}","value":"{{item}}"}""", Profile().WithList("genres", "jazz", "blues")));

    [Fact]
    public void Includes_is_false_on_a_plain_string_attribute() =>
        Assert.False(Matches("""{"attribute":"genres","operator":"includes","value":"jazz"}""", Profile().WithText("genres", "jazz")));

    [Theory]
    [InlineData("$country")]
    [InlineData("$COUNTRY")]
    [InlineData("$Country")]
    public void Reserved_attribute_names_match_whatever_their_case(string name) =>
        Assert.True(Matches($$"""{"attribute":"{{name}}","operator":"equals","value":"es"}""", Profile().WithText("$Country", "ES")));

    [Fact]
    public void Other_attribute_names_are_case_sensitive() =>
        Assert.False(Matches("""{"attribute":"Plan","operator":"exists"}""", Profile().WithText("plan", "pro")));
}
