namespace Switchyard.Sandbox.Tests.Segments;

public sealed class ArrayOperatorTests
{
    private const string Tags = "[\"red\",\"Blue\",7]";

    [Theory]
    [InlineData("\"value\":\"red\"", Tags, true)]
    [InlineData("\"value\":\"blue\"", Tags, false)]
    [InlineData("\"value\":7", Tags, true)]
    [InlineData("\"value\":\"red\"", null, false)]
    [InlineData("\"value\":\"red\"", "\"red\"", false)]
    public void Includes_value_is_exact_and_case_sensitive(string operand, string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("includes_value", operand, value));

    [Theory]
    [InlineData(Tags, false)]
    [InlineData("[\"green\"]", true)]
    [InlineData(null, true)]
    public void Does_not_include_value_includes_missing_arrays(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_include_value", "\"value\":\"red\"", value));

    [Theory]
    [InlineData("includes_any_of", "[\"green\",\"Blue\"]", true)]
    [InlineData("includes_any_of", "[\"green\",\"blue\"]", false)]
    [InlineData("includes_none_of", "[\"green\",\"blue\"]", true)]
    [InlineData("includes_none_of", "[\"green\",\"red\"]", false)]
    [InlineData("is_all_of", "[\"red\",\"Blue\"]", true)]
    [InlineData("is_all_of", "[\"red\",\"green\"]", false)]
    [InlineData("is_not_all_of", "[\"red\",\"green\"]", true)]
    [InlineData("is_not_all_of", "[\"red\",\"Blue\"]", false)]
    [InlineData("values_contain_any_of", "[\"lu\"]", true)]
    [InlineData("values_contain_any_of", "[\"LU\"]", false)]
    [InlineData("values_do_not_contain_any_of", "[\"LU\"]", true)]
    [InlineData("values_do_not_contain_any_of", "[\"e\"]", false)]
    public void Multi_value_operators_on_an_array(string op, string values, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches(op, $"\"values\":{values}", Tags));

    [Theory]
    [InlineData("includes_any_of", false)]
    [InlineData("includes_none_of", true)]
    [InlineData("is_all_of", false)]
    [InlineData("is_not_all_of", true)]
    public void Multi_value_operators_on_a_missing_array(string op, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches(op, "\"values\":[\"red\"]", null));

    [Theory]
    [InlineData("\"value\":\"^BL\"", true)]
    [InlineData("\"value\":\"ree\"", false)]
    [InlineData("\"value\":\"^7$\"", true)]
    public void Matches_regex_matches_when_any_element_matches_case_insensitively(string operand, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("matches_regex", operand, Tags, "array"));

    [Theory]
    [InlineData("\"value\":\"^BL\"", Tags, true)]
    [InlineData("\"value\":\"ree\"", Tags, false)]
    [InlineData("\"value\":\"^bl\"", "\"Blue\"", true)]
    public void Matches_regex_without_a_type_follows_the_stored_value(string operand, string value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("matches_regex", operand, value));

    [Fact]
    public void A_declared_string_type_still_compares_an_array_as_a_string() =>
        Assert.False(FilterHarness.Matches("matches_regex", "\"value\":\"^BL\"", Tags, "string"));

    [Theory]
    [InlineData(Tags, true, false)]
    [InlineData("[]", false, true)]
    [InlineData(null, false, true)]
    [InlineData("null", false, true)]
    public void Has_a_value_and_is_empty(string? value, bool hasValue, bool isEmpty)
    {
        Assert.Equal(hasValue, FilterHarness.Matches("has_a_value", "", value));
        Assert.Equal(isEmpty, FilterHarness.Matches("is_empty", "", value));
    }
}
