using Switchyard.Core.Audiences;

namespace Switchyard.Core.Tests.Audiences;

public sealed class HostileInputTests
{
    public static TheoryData<string> Inputs()
    {
        var deepArrays = new string('[', 5000) + new string(']', 5000);
        var deepNot = string.Concat(Enumerable.Repeat("""{"not":""", 200)) + """{"identity":"email"}""" + new string('}', 200);
        var deepAnd = string.Concat(Enumerable.Repeat("""{"and":[""", 40)) + """{"identity":"email"}""" + string.Concat(Enumerable.Repeat("]}", 40));
        return new TheoryData<string>
        {
            "{", "}", "[]", "\"text\"", "42", "true", "\0", "{\"id\":1e999}", "{\"id\":99999999999}",
            "\uFEFF{}", "{\"id\":1,\"id\":2}", "{\"criteria\":[]}", "{\"criteria\":\"x\"}",
            """{"id":1,"name":"A","criteria":{"and":null}}""",
            """{"id":1,"name":"A","criteria":{"and":[null,null]}}""",
            """{"id":1,"name":"A","criteria":{"and":{"identity":"email"}}}""",
            """{"id":1,"name":"A","criteria":{"attribute":null,"operator":null,"value":null}}""",
            """{"id":1,"name":"A","criteria":{"attribute":"a","operator":"between","value":1e308,"max":1e309}}""",
            """{"id":1,"name":"A","criteria":{"attribute":"a","operator":"equals","value":[[[[]]]]}}""",
            """{"id":1,"name":"A","criteria":{"event":{},"count":{},"between":{},"where":[{}]}}""",
            """{"id":1,"name":"A","criteria":{"event":null,"count":null}}""",
            """{"id":1,"name":"A","criteria":{"event":{"type":"custom_event"},"count":{"operator":"at_least","value":9223372036854775808}}}""",
            """{"id":1,"name":"A","criteria":{"event":{"type":"custom_event"},"within_days":2147483648}}""",
            """{"id":2147483648,"name":"A","criteria":{"identity":"email"}}""",
            """{"id":1,"name":"A","criteria":{"identity":"\ud800"}}""",
            """{"id":1,"name":"A","criteria":{"identity":"device:"}}""",
            "{\"id\":1,\"name\":\"" + new string('n', 100_000) + "\",\"criteria\":{\"identity\":\"email\"}}",
            deepArrays,
            """{"id":1,"name":"A","criteria":""" + deepNot + "}",
            """{"id":1,"name":"A","criteria":""" + deepAnd + "}",
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hostile_input_is_refused_without_throwing(string json)
    {
        var result = AudienceDefinitionParser.Parse(json);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.ToString().Length < 1000, e.ToString()));
    }

    [Fact]
    public void Null_input_is_refused_without_throwing() => Assert.False(AudienceDefinitionParser.Parse(null).IsValid);

    [Theory]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"0001-01-01","to":"9999-12-31"}}""", true)]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"9999-12-31","to":"9999-12-31"}}""", false)]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"0001-01-01","to":"0001-01-01"}}""", false)]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":3650}""", false)]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"between","value":0,"max":9223372036854775807}}""", true)]
    [InlineData("""{"not":{"attribute":"a","operator":"between","value":-1.7976931348623157e308,"max":1.7976931348623157e308}}""", true)]
    public void Extreme_but_valid_criteria_evaluate_without_overflow(string criteria, bool expected)
    {
        var profile = new Switchyard.Core.Profiles.Profile().WithEvent("custom_event:x", 0);
        var catalog = AudienceCatalog.Create([AudienceTestData.Definition(criteria)]);
        Assert.Equal(expected, catalog.Evaluate(profile, long.MaxValue).Contains(1));
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "*", true)]
    [InlineData("abc", "", false)]
    [InlineData("abc", "a*c", true)]
    [InlineData("abc", "a*b", false)]
    [InlineData("aXbXc", "*x*X*", true)]
    [InlineData("abc", "???", true)]
    [InlineData("abc", "????", false)]
    [InlineData("mississippi", "m*iss*ppi", true)]
    [InlineData("mississippi", "m*iss*ppx", false)]
    public void Wildcard_patterns_match_the_whole_value(string value, string pattern, bool expected) =>
        Assert.Equal(expected, WildcardPattern.IsMatch(value, pattern));

    [Fact]
    public void A_worst_case_pattern_matches_quickly()
    {
        var text = new string('a', 100_000);
        var pattern = string.Concat(Enumerable.Repeat("*a", 127)) + "b";
        Assert.False(WildcardPattern.IsMatch(text, pattern));
    }
}
