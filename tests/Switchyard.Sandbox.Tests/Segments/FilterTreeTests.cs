using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Segments;

public sealed class FilterTreeTests
{
    private const string Tree = """
        {"and":[
          {"attribute":"a","operator":"is_not_blank"},
          {"or":[
            {"attribute":"country","operator":"equals","value":"DE"},
            {"attribute":"score","operator":"more_than","value":50}
          ]}
        ]}
        """;

    [Fact]
    public void And_needs_every_child_and_or_needs_one()
    {
        var filter = FilterHarness.Compile(Tree);
        Assert.True(filter.Matches(User("x", country: "DE", score: "1"), FilterHarness.Now));
        Assert.True(filter.Matches(User("x", country: "FR", score: "99"), FilterHarness.Now));
        Assert.False(filter.Matches(User("x", country: "FR", score: "1"), FilterHarness.Now));
        Assert.False(filter.Matches(User(null, country: "DE", score: "99"), FilterHarness.Now));
    }

    private static TestSubject User(string? a, string country, string score)
    {
        var attributes = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>
        {
            ["country"] = country,
            ["score"] = System.Text.Json.Nodes.JsonNode.Parse(score),
        };
        if (a is not null)
        {
            attributes["a"] = a;
        }

        return new TestSubject("b", "e", attributes);
    }
}
