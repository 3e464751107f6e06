namespace Switchyard.Sandbox.Tests.Segments;

public sealed class FilterValidationTests
{
    [Fact]
    public void An_unknown_operator_names_the_field_and_the_operator()
    {
        var error = Assert.Single(FilterHarness.Errors("""{"and":[{"attribute":"a","operator":"equals","value":"x"},{"attribute":"b","operator":"is_like","value":"x"}]}"""));
        Assert.Equal("filter.and[1].operator", error.Field);
        Assert.Contains("is_like", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_that_does_not_fit_the_declared_type_is_rejected()
    {
        var error = Assert.Single(FilterHarness.Errors("""{"attribute":"a","operator":"more_than","type":"string","value":1}"""));
        Assert.Equal("filter.operator", error.Field);
        Assert.Contains("not valid for type 'string'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_is_rejected() =>
        Assert.Equal("filter.type", Assert.Single(FilterHarness.Errors("""{"attribute":"a","operator":"is_blank","type":"date"}""")).Field);

    [Fact]
    public void An_invalid_regex_is_rejected_at_definition()
    {
        var error = Assert.Single(FilterHarness.Errors("""{"attribute":"a","operator":"matches_regex","value":"(unclosed"}"""));
        Assert.Equal("filter.value", error.Field);
        Assert.Contains("invalid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regex_longer_than_Braze_allows_is_rejected()
    {
        var pattern = new string('a', 32_765);
        var error = Assert.Single(FilterHarness.Errors($$"""{"attribute":"a","operator":"matches_regex","value":"{{pattern}}"}"""));
        Assert.Contains("32764", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_256_values_are_rejected_and_256_are_accepted()
    {
        string Values(int n) => string.Join(",", Enumerable.Range(0, n).Select(i => $"\"v{i}\""));
        var error = Assert.Single(FilterHarness.Errors($$"""{"attribute":"a","operator":"is_any_of","values":[{{Values(257)}}]}"""));
        Assert.Equal("filter.values", error.Field);
        FilterHarness.Compile($$"""{"attribute":"a","operator":"is_any_of","values":[{{Values(256)}}]}""");
    }

    [Theory]
    [InlineData("""{"attribute":"a","operator":"equals","value":5}""", "filter.value")]
    [InlineData("""{"attribute":"a","operator":"more_than","value":"5"}""", "filter.value")]
    [InlineData("""{"attribute":"a","operator":"is_any_of","values":[]}""", "filter.values")]
    [InlineData("""{"attribute":"a","operator":"is_any_of","values":["x",1]}""", "filter.values[1]")]
    [InlineData("""{"attribute":"a","operator":"before","value":"yesterday-ish"}""", "filter.value")]
    [InlineData("""{"attribute":"a","operator":"more_than_days_ago","value":-1}""", "filter.value")]
    [InlineData("""{"operator":"is_blank"}""", "filter.attribute")]
    [InlineData("""{"attribute":"a"}""", "filter.operator")]
    [InlineData("""{"and":[]}""", "filter.and")]
    [InlineData("""{"and":[{"attribute":"a","operator":"is_blank"}],"or":[]}""", "filter")]
    [InlineData("""[1]""", "filter")]
    public void Malformed_conditions_name_the_field(string json, string field) =>
        Assert.Equal(field, FilterHarness.Errors(json)[0].Field);

    [Fact]
    public void Several_bad_children_are_all_reported()
    {
        var errors = FilterHarness.Errors("""{"or":[{"attribute":"a","operator":"nope"},{"attribute":"b","operator":"exactly","value":"x"}]}""");
        Assert.Equal(["filter.or[0].operator", "filter.or[1].value"], errors.Select(e => e.Field));
    }
}
