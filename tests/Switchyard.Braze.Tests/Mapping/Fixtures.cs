using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Tests.Mapping;

/// <summary>Batches are written as Events API JSON and read by the real ingest parser, so tests see what processing sees.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    /// <summary>2026-01-02T03:04:05.678Z.</summary>
    public const long T1 = 1767323045678;

    public const string T1Text = "2026-01-02T03:04:05.678Z";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Batch Batch(string json)
    {
        var result = EventsApiParser.ParseBatch(Encoding.UTF8.GetBytes(json), new IngestParseOptions(Now));
        Assert.True(result.IsSuccess, result.Failure?.ToString());
        return Assert.Single(result.Batches).Batch;
    }

    /// <summary>A batch of user "c1" with these events (JSON array elements) and optional extra top-level fields.</summary>
    public static Batch WithEvents(string events, string extra = "") =>
        Batch($$"""{"environment":"production","user_identities":{"customer_id":"c1"},"events":[{{events}}]{{extra}}}""");

    public static Batch WithAttributes(string attributes, string extra = "") =>
        Batch($$"""{"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{{{attributes}}}{{extra}}}""");

    /// <summary>Settings with the REST key <c>rest-key</c> plus these fields (JSON members without braces).</summary>
    public static BrazeOutputSettings Configured(string fields = "") =>
        Parsed($$"""{"restApiKey":"rest-key"{{(fields.Length > 0 ? "," + fields : "")}}}""");

    public static BrazeOutputSettings Parsed(string json)
    {
        var result = BrazeOutputSettings.Parse(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Settings!;
    }

    public static Profile Profile(long mpid = 42) => new() { Mpid = mpid };

    public static BrazeUserUpdate Update(Batch batch, BrazeOutputSettings? settings = null, Profile? profile = null) =>
        Assert.IsType<BrazeUserUpdate>(BrazeUserMapper.Map(batch, profile ?? Profile(), settings ?? Configured(), Now));

    public static string Json(Batch batch, BrazeOutputSettings? settings = null, Profile? profile = null) =>
        BrazeTrackJson.ToJson(Update(batch, settings, profile));

    /// <summary>Compares JSON texts after the same compact re-serialization: property order and number literals count.</summary>
    public static void JsonEqual(string expected, string actual) =>
        Assert.Equal(Normalize(expected), Normalize(actual));

    public static void JsonEqual(string expected, BrazeUserUpdate update) => JsonEqual(expected, BrazeTrackJson.ToJson(update));

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Compact);
}
