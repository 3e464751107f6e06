using System.Text;
using Switchyard.Core.Ingest;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>Shared bodies and helpers for the Events API parser tests.</summary>
internal static class IngestTestData
{
    /// <summary>The receive time of every test request.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static IngestParseOptions Options(bool historical = false) => new(Now, historical);

    public static IngestParseResult Batch(string json, IngestParseOptions? options = null) =>
        EventsApiParser.ParseBatch(Encoding.UTF8.GetBytes(json), options ?? Options());

    public static IngestParseResult Bulk(string json, IngestParseOptions? options = null) =>
        EventsApiParser.ParseBulk(Encoding.UTF8.GetBytes(json), options ?? Options());

    /// <summary>A minimal valid batch holding the given events JSON.</summary>
    public static string BatchWith(string eventsJson) =>
        $$"""{"environment":"production","user_identities":{"customer_id":"c1"},"events":[{{eventsJson}}]}""";

    public static string CustomEvent(string name = "Clicked", long? timestamp = null)
    {
        string time = timestamp is { } t ? $",\"timestamp_unixtime_ms\":{t}" : "";
        return "{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"" + name + "\",\"custom_event_type\":\"other\"" + time + "}}";
    }

    /// <summary>Compares string lists element by element (xUnit's span overload rejects nullable strings).</summary>
    public static void SameStrings(string?[] expected, string?[] actual) => Assert.Equal((IEnumerable<string?>)expected, actual);

    /// <summary>
    /// The one error of a refused request, or of the one batch refused in a bulk request whose other batches are valid
    /// (those are accepted on their own; the refused batch is not among them).
    /// </summary>
    public static IngestError SingleError(IngestParseResult result, int status = 400)
    {
        var failure = result.Failure;
        if (failure is null)
        {
            var refused = Assert.Single(result.Refused);
            Assert.DoesNotContain(result.Batches, b => b.Index == refused.Index);
            failure = IngestFailure.Of(result.Refused);
        }
        else
        {
            Assert.Empty(result.Batches);
        }

        Assert.Equal(status, failure.StatusCode);
        return Assert.Single(failure.Errors);
    }
}
