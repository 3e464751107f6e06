using Switchyard.Core.Audiences;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class ValidationTests
{
    [Fact]
    public void A_valid_definition_parses_with_its_names()
    {
        var result = AudienceDefinitionParser.Parse("""
            {"id":7,"name":"Push openers","external_name":"push_openers_7d",
             "criteria":{"event":{"type":"custom_event","name":"Push Notification Open"},"within_days":7}}
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        var definition = result.Definition!;
        Assert.Equal((7, "Push openers", "push_openers_7d"), (definition.Id, definition.Name, definition.EffectiveExternalName));
        Assert.Equal(7, definition.Criteria.WithinDays);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed() =>
        Assert.True(AudienceDefinitionParser.Parse("""
            // hand-written
            {"id":1,"name":"A","criteria":{"and":[{"identity":"email"},],},}
            """).IsValid);

    [Fact]
    public void The_external_name_defaults_to_the_name() =>
        Assert.Equal("Audience 1", Definition("""{"identity":"email"}""").EffectiveExternalName);

    [Fact]
    public void A_definition_survives_serializing_and_parsing_again()
    {
        var definition = Definition("""{"and":[{"attribute":"age","operator":"between","value":18,"max":30},{"event":{"type":"commerce_event","action":"purchase"},"between":{"from":"2026-01-01","to":"2026-01-31"},"count":{"operator":"between","value":1,"max":3}}]}""");
        var json = AudienceDefinitionParser.Serialize(definition);

        Assert.Contains("\"within_days\"", AudienceDefinitionParser.Serialize(Definition("""{"event":{"type":"session_start"},"within_days":3}""")), StringComparison.Ordinal);
        var again = AudienceDefinitionParser.Parse(json);
        Assert.True(again.IsValid, json);
        Assert.Equal(json, AudienceDefinitionParser.Serialize(again.Definition!));
    }

    [Theory]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"most","value":1}}""", "criteria.count.operator: unknown operator 'most'")]
    [InlineData("""{"and":[{"identity":"email"},{"event":{"type":"custom_event"},"count":{"operator":"most","value":1}}]}""", "criteria.and[1].count.operator: unknown operator 'most'")]
    [InlineData("""{"attribute":"plan","operator":"like","value":"x"}""", "criteria.operator: unknown operator 'like'")]
    [InlineData("""{"attribute":"plan","value":"x"}""", "criteria.operator: is required")]
    [InlineData("""{"attribute":"","operator":"exists"}""", "criteria.attribute: must be 1 to")]
    [InlineData("""{"attribute":"plan","operator":"equals"}""", "criteria.value: is required")]
    [InlineData("""{"attribute":"plan","operator":"exists","value":"x"}""", "criteria.value: 'exists' takes no value")]
    [InlineData("""{"attribute":"age","operator":"greater_than","value":"10"}""", "criteria.value: 'greater_than' needs a number")]
    [InlineData("""{"attribute":"plan","operator":"contains","value":3}""", "criteria.value: 'contains' needs a string")]
    [InlineData("""{"attribute":"plan","operator":"includes","value":true}""", "criteria.value: 'includes' needs a string")]
    [InlineData("""{"attribute":"plan","operator":"equals","value":{"a":1}}""", "criteria.value: 'equals' needs a string, number or boolean")]
    [InlineData("""{"attribute":"age","operator":"between","value":10}""", "criteria.max: 'between' needs a numeric max")]
    [InlineData("""{"attribute":"age","operator":"between","value":10,"max":5}""", "criteria.max: must be at least value (10)")]
    [InlineData("""{"attribute":"age","operator":"at_least","value":10,"max":5}""", "criteria.max: applies only to 'between'")]
    [InlineData("""{"identity":"fax"}""", "criteria.identity: unknown identity 'fax'")]
    [InlineData("""{"identity":"device:serial"}""", "criteria.identity: unknown identity 'device:serial'")]
    [InlineData("""{"event":{"name":"Played"}}""", "criteria.event.type: is required")]
    [InlineData("""{"event":{"type":"click"}}""", "criteria.event.type: unknown event type 'click'")]
    [InlineData("""{"event":{"type":"session_start","name":"x"}}""", "criteria.event.name: applies only to custom_event and screen_view")]
    [InlineData("""{"event":{"type":"custom_event","action":"purchase"}}""", "criteria.event.action: applies only to commerce_event")]
    [InlineData("""{"event":{"type":"commerce_event","action":"buy"}}""", "criteria.event.action: unknown commerce action 'buy'")]
    [InlineData("""{"event":{"type":"custom_event","name":""}}""", "criteria.event.name: must be 1 to")]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":0}""", "criteria.within_days: must be 1 to 3650")]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":3651}""", "criteria.within_days: must be 1 to 3650")]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":7,"between":{"from":"2026-01-01","to":"2026-01-02"}}""", "criteria: sets both 'within_days' and 'between'")]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"2026-02-01","to":"2026-01-31"}}""", "criteria.between: from (2026-02-01) is after to (2026-01-31)")]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"2026-1-1","to":"2026-01-31"}}""", "criteria.between.from: '2026-1-1' is not a date")]
    [InlineData("""{"event":{"type":"custom_event"},"between":{"from":"2026-01-01"}}""", "criteria.between.to: is required")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"at_least","value":-1}}""", "criteria.count.value: must be a whole number of at least 0")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"at_least"}}""", "criteria.count.value: must be a whole number")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"value":2}}""", "criteria.count.operator: is required")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"between","value":3,"max":2}}""", "criteria.count.max: 'between' needs a max of at least value (3)")]
    [InlineData("""{"event":{"type":"custom_event"},"count":{"operator":"exactly","value":3,"max":4}}""", "criteria.count.max: applies only to 'between'")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"identity":"email"}]}""", "criteria.where[0]: must be an attribute condition")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"attribute":"genre","operator":"includes","value":"jazz"}]}""", "criteria.where[0].operator: 'includes' applies to user attribute lists only")]
    [InlineData("""{"event":{"type":"custom_event"},"where":[{"attribute":"genre","operator":"equals"}]}""", "criteria.where[0].value: is required")]
    [InlineData("""{"and":[]}""", "criteria.and: must hold at least one criterion")]
    [InlineData("""{"or":[{"identity":"email"},null]}""", "criteria.or[1]: must be a criterion object")]
    [InlineData("""{}""", "criteria: must set one of 'and', 'or', 'not', 'attribute', 'identity', 'event', 'member_of', 'consent', 'device', 'location' or 'seen'")]
    [InlineData("""{"identity":"email","attribute":"plan"}""", "criteria: sets both 'attribute' and 'identity'")]
    [InlineData("""{"identity":"email","within_days":3}""", "criteria.within_days: applies only to event criteria")]
    [InlineData("""{"event":{"type":"custom_event"},"operator":"equals"}""", "criteria.operator: applies only to value conditions (attribute, identity, device, location, seen)")]
    [InlineData("""{"member_of":0}""", "criteria.member_of: must be a positive audience id")]
    [InlineData("""{"not":{"event":{"type":"custom_event"},"colour":"red"}}""", "criteria.not.colour: unknown field")]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":"7"}""", "criteria.within_days: has the wrong type")]
    [InlineData("""{"event":{"type":"custom_event"},"within_days":7.5}""", "criteria.within_days: has the wrong type")]
    public void Invalid_criteria_are_refused_with_the_path_of_the_problem(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);

    [Fact]
    public void A_pattern_longer_than_the_bound_is_refused()
    {
        var pattern = new string('*', 257);
        Assert.Contains("criteria.value: a pattern must be at most 256 characters", ErrorsOf($$"""{"attribute":"a","operator":"pattern","value":"{{pattern}}"}"""), StringComparison.Ordinal);
        Assert.True(AudienceDefinitionParser.Parse($$$"""{"id":1,"name":"A","criteria":{"attribute":"a","operator":"pattern","value":"{{{pattern[1..]}}}"}}""").IsValid);
    }

    [Fact]
    public void Sixteen_levels_of_nesting_are_allowed_and_seventeen_refused()
    {
        static string Nest(int levels) => levels == 1 ? """{"identity":"email"}""" : $$"""{"not":{{Nest(levels - 1)}}}""";
        Assert.True(AudienceDefinitionParser.Parse($$"""{"id":1,"name":"A","criteria":{{Nest(16)}}}""").IsValid);
        var errors = ErrorsOf(Nest(17));
        Assert.Contains("criteria" + string.Concat(Enumerable.Repeat(".not", 16)) + ": criteria are nested deeper than 16 levels", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_count_as_levels_too()
    {
        static string Nest(int levels) => levels == 1 ? """{"identity":"email"}""" : $$"""{"and":[{{Nest(levels - 1)}}]}""";
        Assert.True(AudienceDefinitionParser.Parse($$"""{"id":1,"name":"A","criteria":{{Nest(16)}}}""").IsValid);
        Assert.Contains("nested deeper than 16 levels", ErrorsOf(Nest(17)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":0,"name":"A","criteria":{"identity":"email"}}""", "id: must be a positive whole number")]
    [InlineData("""{"id":-3,"name":"A","criteria":{"identity":"email"}}""", "id: must be a positive whole number")]
    [InlineData("""{"name":"A","criteria":{"identity":"email"}}""", "id: must be a positive whole number")]
    [InlineData("""{"id":1,"criteria":{"identity":"email"}}""", "name: is required")]
    [InlineData("""{"id":1,"name":"  ","criteria":{"identity":"email"}}""", "name: is required")]
    [InlineData("""{"id":1,"name":"A"}""", "criteria: must be a criterion object")]
    [InlineData("""{"id":1,"name":"A","criteria":{}}""", "criteria: must set one of")]
    [InlineData("""{"id":1,"name":"A","criteria":null}""", "criteria: must be a criterion object")]
    [InlineData("""{"id":1,"name":"A","criteria":{"identity":"email"},"status":"active"}""", "status: unknown field")]
    [InlineData("""{"id":"1","name":"A","criteria":{"identity":"email"}}""", "id: has the wrong type")]
    [InlineData("""[1,2]""", "has the wrong type")]
    [InlineData("""null""", "the definition must be a JSON object")]
    [InlineData("""{"id":1,""", "is not valid JSON")]
    [InlineData("", "the definition is empty")]
    public void Invalid_definitions_are_refused_with_the_field(string json, string expected) =>
        Assert.Contains(expected, ErrorsOfDocument(json), StringComparison.Ordinal);

    [Fact]
    public void The_external_name_is_at_most_one_hundred_characters()
    {
        var external = new string('x', 101);
        Assert.Contains("external_name: must be 1 to 100 characters", ErrorsOfDocument($$$"""{"id":1,"name":"A","external_name":"{{{external}}}","criteria":{"identity":"email"}}"""), StringComparison.Ordinal);
        Assert.True(AudienceDefinitionParser.Parse($$$"""{"id":1,"name":"A","external_name":"{{{external[1..]}}}","criteria":{"identity":"email"}}""").IsValid);
    }

    [Fact]
    public void A_definition_built_in_code_is_validated_like_parsed_json()
    {
        var definition = new AudienceDefinition
        {
            Id = 3,
            Name = "Code",
            Criteria = new Criterion { Event = new EventSelector { Type = "custom_event" }, Count = new EventCount { Operator = "most", Value = 1 } },
        };
        Assert.Equal(["criteria.count.operator: unknown operator 'most' (at_least, exactly, at_most or between)."], AudienceDefinitionParser.Validate(definition).Select(e => e.ToString()));
        Assert.Empty(AudienceDefinitionParser.Validate(new AudienceDefinition { Id = 3, Name = "Code", Criteria = new Criterion { Identity = "email" } }));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = AudienceDefinitionParser.Parse("""{"id":0,"name":"","criteria":{"or":[{"identity":"fax"},{"member_of":-1}]}}""").Errors;
        Assert.Equal(["id", "name", "criteria.or[0].identity", "criteria.or[1].member_of"], errors.Select(e => e.Path));
    }
}
