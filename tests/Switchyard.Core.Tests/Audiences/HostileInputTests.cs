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

    // JSON may escape a lone UTF-16 surrogate ("\ud800"); it is valid JSON but not text, and JsonElement.GetString
    // throws on it. Every string a definition holds must come back as an error naming its path instead.
    [Theory]
    [InlineData("""{"attribute":"a","operator":"equals","value":"\ud800"}""", "criteria.value")]
    [InlineData("""{"attribute":"a","operator":"contains","value":"x\udc00"}""", "criteria.value")]
    [InlineData("""{"attribute":"a","operator":"not_pattern","value":"\ud800*"}""", "criteria.value")]
    [InlineData("""{"not":{"attribute":"a","operator":"includes","value":"\ud800"}}""", "criteria.not.value")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"attribute":"genre","operator":"equals","value":"\ud800"}]}""", "criteria.where[0].value")]
    [InlineData("""{"attribute":"\ud800","operator":"exists"}""", "criteria.attribute")]
    [InlineData("""{"attribute":"a","operator":"\ud800","value":"x"}""", "criteria.operator")]
    [InlineData("""{"event":{"type":"custom_event","name":"\ud800"}}""", "criteria.event.name")]
    [InlineData("""{"event":{"type":"\ud800"}}""", "criteria.event.type")]
    [InlineData("""{"event":{"type":"commerce_event","action":"\udfff"}}""", "criteria.event.action")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"attribute":"\ud800","operator":"exists"}]}""", "criteria.where[0].attribute")]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"2026-01-01","to":"\ud800"}}""", "criteria.between.to")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"\ud800","value":1}}""", "criteria.count.operator")]
    public void A_lone_surrogate_in_criteria_is_an_error_naming_its_path(string criteria, string path)
    {
        var result = AudienceDefinitionParser.Parse($$"""{"id":6,"name":"x","criteria":{{criteria}}}""");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":6,"name":"\ud800","criteria":{"identity":"email"}}""", "name")]
    [InlineData("""{"id":6,"name":"x","external_name":"a\ud800\ud800","criteria":{"identity":"email"}}""", "external_name")]
    [InlineData("""{"id":6,"name":"x","criteria":{"identity":"\ud800"}}""", "criteria.identity")]
    public void A_lone_surrogate_in_a_name_is_an_error_naming_its_path(string json, string path)
    {
        var error = Assert.Single(AudienceDefinitionParser.Parse(json).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_pair_is_ordinary_text()
    {
        var result = AudienceDefinitionParser.Parse("""{"id":6,"name":"\ud83c\udfb7","criteria":{"attribute":"a","operator":"equals","value":"\ud83c\udfb7"}}""");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("\U0001F3B7", result.Definition!.Name);
        Assert.True(AudienceCatalog.Create([result.Definition]).Evaluate(AudienceTestData.Profile().WithText("a", "\U0001F3B7"), 0).Contains(6));
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
