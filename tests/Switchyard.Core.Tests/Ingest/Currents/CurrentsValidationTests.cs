using System.Text.Json.Nodes;
using Switchyard.Core.Ingest;
using static Switchyard.Core.Tests.Ingest.Currents.CurrentsTestData;

namespace Switchyard.Core.Tests.Ingest.Currents;

/// <summary>Every refusal is a 400 (or 413) whose message starts with the path of what is wrong.</summary>
public sealed class CurrentsValidationTests
{
    public static TheoryData<string, string, string> BadEvents() => new()
    {
        { "event_type", "null", IngestErrorCodes.MissingField },
        { "event_type", "5", IngestErrorCodes.InvalidField },
        { "event_type", "\"\"", IngestErrorCodes.MissingField },
        { "id", "null", IngestErrorCodes.MissingField },
        { "id", "\"  \"", IngestErrorCodes.MissingField },
        { "id", "{}", IngestErrorCodes.InvalidField },
        { "time", "null", IngestErrorCodes.MissingField },
        { "time", "\"1795000000\"", IngestErrorCodes.InvalidField },
        { "time", "-1", IngestErrorCodes.InvalidField },
        { "time", "1e400", IngestErrorCodes.InvalidField },
        { "time", "1e300", IngestErrorCodes.InvalidField },
        { "user", "null", IngestErrorCodes.MissingField },
        { "user", "[]", IngestErrorCodes.InvalidField },
        { "properties", "\"x\"", IngestErrorCodes.InvalidField },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void A_bad_field_is_a_400_naming_events_i_field(string field, string json, string code)
    {
        var bad = Event();
        bad[field] = JsonNode.Parse(json);

        var failure = Parse(Body(Event(), bad)).Failure;

        Assert.NotNull(failure);
        Assert.Equal(400, failure.StatusCode);
        var error = Assert.Single(failure.Errors);
        Assert.Equal(code, error.Code);
        Assert.StartsWith($"events[1].{field}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("external_user_id")]
    [InlineData("user_id")]
    [InlineData("device_id")]
    [InlineData("timezone")]
    public void A_user_field_that_is_not_a_string_is_named(string field)
    {
        var bad = Event();
        bad["user"]![field] = 42;

        var error = Assert.Single(Parse(Body(bad)).Failure!.Errors);

        Assert.Equal($"events[0].user.{field}: must be a string", error.Message);
    }

    [Fact]
    public void A_missing_field_is_named_even_when_the_key_is_absent()
    {
        var bad = Event();
        bad.Remove("id");

        Assert.StartsWith("events[0].id: ", Assert.Single(Parse(Body(bad)).Failure!.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_100_events_is_a_400_naming_events()
    {
        var failure = Parse(Body([.. Enumerable.Range(0, 101).Select(i => (JsonNode)Event(id: "id-" + i))])).Failure;

        var error = Assert.Single(failure!.Errors);
        Assert.Equal(IngestErrorCodes.TooManyEvents, error.Code);
        Assert.StartsWith("events: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_100_events_are_accepted()
    {
        var result = Parse(Body([.. Enumerable.Range(0, 100).Select(i => (JsonNode)Event(id: "id-" + i))]));

        Assert.Null(result.Failure);
        Assert.Equal(100, result.Batches.Count);
    }

    [Theory]
    [InlineData("[]", "BAD_REQUEST")]
    [InlineData("{}", "MISSING_FIELD")]
    [InlineData("{\"events\":{}}", "INVALID_FIELD")]
    [InlineData("{\"events\":[1]}", "INVALID_FIELD")]
    [InlineData("{\"events\":[]", "BAD_REQUEST")]
    [InlineData("{\"events\":[],\"events\":[]}", "BAD_REQUEST")]
    [InlineData("{\"events\":[]} trailing", "BAD_REQUEST")]
    [InlineData("\"\\ud800\"", "BAD_REQUEST")]
    public void A_malformed_body_is_a_400(string body, string code)
    {
        var failure = Parse(body).Failure;

        Assert.NotNull(failure);
        Assert.Equal(400, failure.StatusCode);
        Assert.Equal(code, failure.Errors[0].Code);
    }

    [Fact]
    public void Hostile_nesting_is_a_400_not_an_exception()
    {
        var deep = new string('[', 5000) + new string(']', 5000);

        Assert.Equal(400, Parse("{\"events\":[{\"properties\":" + deep + "}]}").Failure!.StatusCode);
    }

    [Fact]
    public void A_lone_surrogate_inside_an_event_is_a_400()
    {
        var failure = Parse("{\"events\":[{\"event_type\":\"\\ud800\",\"id\":\"a\",\"time\":1,\"user\":{}}]}").Failure;

        Assert.Equal(400, failure!.StatusCode);
    }

    [Fact]
    public void A_long_unknown_event_type_is_truncated_to_256_characters_as_its_event_name()
    {
        // An unknown event type keeps its own text as the event name, truncated as mParticle does for S2S data.
        var result = Parse(Body(Event(eventType: "users.custom." + new string('x', 300))));

        Assert.Null(result.Failure);
        Assert.Equal(1, Assert.Single(result.Batches).TruncatedNames);
    }

    [Fact]
    public void Errors_of_several_events_are_all_listed_up_to_the_cap()
    {
        var events = Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject { ["id"] = "x" }).ToArray();

        var failure = Parse(Body(events)).Failure;

        Assert.Equal(90, failure!.Errors.Count);
        Assert.StartsWith("events[0].event_type", failure.Errors[0].Message, StringComparison.Ordinal);
    }
}
