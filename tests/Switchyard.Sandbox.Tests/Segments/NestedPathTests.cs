using System.Text.Json.Nodes;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Segments;

public sealed class NestedPathTests
{
    private static readonly TestSubject Owner = new("b1", "e1", new Dictionary<string, JsonNode?>
    {
        ["address"] = JsonNode.Parse("""{"city":"Berlin","zip":10115}"""),
        ["pets"] = JsonNode.Parse("""[{"name":"Rex","age":3},{"name":"Tom","age":11}]"""),
        ["odd.name"] = "literal",
    });

    [Theory]
    [InlineData("""{"attribute":"address.city","operator":"equals","value":"Berlin"}""", true)]
    [InlineData("""{"attribute":"address.city","operator":"equals","value":"Paris"}""", false)]
    [InlineData("""{"attribute":"address.zip","operator":"more_than","value":10000}""", true)]
    [InlineData("""{"attribute":"address.street","operator":"is_blank"}""", true)]
    [InlineData("""{"attribute":"missing.city","operator":"is_blank"}""", true)]
    public void A_dotted_path_reads_a_nested_object_value(string filter, bool expected) =>
        Assert.Equal(expected, FilterHarness.Compile(filter).Matches(Owner, FilterHarness.Now));

    [Theory]
    [InlineData("""{"attribute":"pets[].name","operator":"equals","value":"Tom"}""", true)]
    [InlineData("""{"attribute":"pets[].age","operator":"more_than","value":10}""", true)]
    [InlineData("""{"attribute":"pets[].age","operator":"more_than","value":11}""", false)]
    [InlineData("""{"attribute":"pets[].name","operator":"matches_regex","value":"^r"}""", true)]
    [InlineData("""{"attribute":"nothing[].name","operator":"is_blank"}""", true)]
    public void An_array_of_objects_matches_when_any_element_matches(string filter, bool expected) =>
        Assert.Equal(expected, FilterHarness.Compile(filter).Matches(Owner, FilterHarness.Now));

    [Fact]
    public void An_attribute_whose_name_contains_a_dot_is_found_by_its_whole_name() =>
        Assert.True(FilterHarness.Compile("""{"attribute":"odd.name","operator":"equals","value":"literal"}""").Matches(Owner, FilterHarness.Now));

    [Theory]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("[]")]
    [InlineData("a[]x.b")]
    public void A_malformed_path_is_rejected(string attribute) =>
        Assert.Equal("filter.attribute", Assert.Single(FilterHarness.Errors($$"""{"attribute":"{{attribute}}","operator":"is_blank"}""")).Field);
}
