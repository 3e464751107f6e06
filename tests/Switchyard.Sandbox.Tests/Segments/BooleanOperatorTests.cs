namespace Switchyard.Sandbox.Tests.Segments;

public sealed class BooleanOperatorTests
{
    [Theory]
    [InlineData("is_true", "true", true)]
    [InlineData("is_true", "false", false)]
    [InlineData("is_true", null, false)]
    [InlineData("is_true", "\"true\"", false)]
    [InlineData("is_false", "false", true)]
    [InlineData("is_false", "true", false)]
    [InlineData("is_false", null, false)]
    [InlineData("is_true_or_not_set", "true", true)]
    [InlineData("is_true_or_not_set", null, true)]
    [InlineData("is_true_or_not_set", "null", true)]
    [InlineData("is_true_or_not_set", "false", false)]
    [InlineData("is_false_or_not_set", "false", true)]
    [InlineData("is_false_or_not_set", null, true)]
    [InlineData("is_false_or_not_set", "true", false)]
    public void Boolean_operators(string op, string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches(op, "", value));

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public void Blank_and_not_blank_on_booleans(string? value, bool expected)
    {
        Assert.Equal(expected, FilterHarness.Matches("is_blank", "", value, "boolean"));
        Assert.Equal(!expected, FilterHarness.Matches("is_not_blank", "", value, "boolean"));
    }
}
