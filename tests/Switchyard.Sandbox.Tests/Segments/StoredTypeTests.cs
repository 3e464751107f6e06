namespace Switchyard.Sandbox.Tests.Segments;

/// <summary>
/// Without a declared <c>type</c>, an operator that fits several types takes the stored value's type, as a Braze filter
/// is chosen from the attribute's data type.
/// </summary>
public sealed class StoredTypeTests
{
    [Theory]
    [InlineData("5", "\"value\":5", false)]
    [InlineData("5", "\"value\":\"5\"", false)]
    [InlineData("\"5\"", "\"value\":5", false)]
    [InlineData("\"5\"", "\"value\":\"5\"", false)]
    [InlineData("\"Five\"", "\"value\":\"five\"", false)]
    [InlineData("6", "\"value\":\"5\"", true)]
    [InlineData("6", "\"value\":\"five\"", true)]
    [InlineData("\"6\"", "\"value\":5", true)]
    [InlineData("true", "\"value\":5", true)]
    [InlineData(null, "\"value\":5", true)]
    public void Does_not_equal_without_a_type_compares_as_the_stored_number_or_string(string? value, string operand, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_equal", operand, value));

    [Theory]
    [InlineData("\"5\"", "\"value\":5", "number", true)]
    [InlineData("5", "\"value\":\"5\"", "string", true)]
    [InlineData("5", "\"value\":5", "number", false)]
    public void A_declared_type_is_kept_and_a_value_of_another_kind_counts_as_missing(string value, string operand, string type, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_equal", operand, value, type));

    [Theory]
    [InlineData("[\"a\",\"7\"]", true)]
    [InlineData("[\"a\"]", false)]
    [InlineData("\"7\"", true)]
    [InlineData("7", false)]
    public void Matches_regex_without_a_type_compares_a_stored_array_element_by_element(string value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("matches_regex", "\"value\":\"^7$\"", value));

    [Theory]
    [InlineData("5", false)]
    [InlineData("false", false)]
    [InlineData("\"\"", true)]
    [InlineData(null, true)]
    public void Is_blank_without_a_type_treats_a_stored_number_or_boolean_as_a_value(string? value, bool blank) =>
        Assert.Equal(blank, FilterHarness.Matches("is_blank", "", value));
}
