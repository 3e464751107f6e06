namespace Switchyard.Sandbox.Tests.Segments;

public sealed class NumberOperatorTests
{
    [Theory]
    [InlineData("5", true)]
    [InlineData("5.0", true)]
    [InlineData("6", false)]
    [InlineData(null, false)]
    [InlineData("\"5\"", false)]
    public void Exactly_compares_numbers(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("exactly", "\"value\":5", value));

    [Theory]
    [InlineData("0", true)]
    [InlineData(null, true)]
    [InlineData("null", true)]
    [InlineData("1", false)]
    public void Exactly_zero_includes_users_without_a_value(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("exactly", "\"value\":0", value));

    [Theory]
    [InlineData("3", true)]
    [InlineData("-1.5", true)]
    [InlineData("10", false)]
    [InlineData("11", false)]
    [InlineData(null, true)]
    [InlineData("null", true)]
    public void Less_than_includes_users_without_a_value(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("less_than", "\"value\":10", value));

    [Theory]
    [InlineData("11", true)]
    [InlineData("10.5", true)]
    [InlineData("10", false)]
    [InlineData(null, false)]
    public void More_than_excludes_users_without_a_value(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("more_than", "\"value\":10", value));

    [Theory]
    [InlineData("4", true)]
    [InlineData("5", false)]
    [InlineData(null, true)]
    public void Does_not_equal_with_a_number_value_is_a_number_filter(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("does_not_equal", "\"value\":5", value));

    [Theory]
    [InlineData(null, true)]
    [InlineData("null", true)]
    [InlineData("0", false)]
    public void Blank_and_not_blank_on_numbers(string? value, bool expected)
    {
        Assert.Equal(expected, FilterHarness.Matches("is_blank", "", value, "number"));
        Assert.Equal(!expected, FilterHarness.Matches("is_not_blank", "", value, "number"));
    }
}
