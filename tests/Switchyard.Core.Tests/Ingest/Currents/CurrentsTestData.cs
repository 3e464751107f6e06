using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Currents;

namespace Switchyard.Core.Tests.Ingest.Currents;

/// <summary>Custom HTTP connector bodies as Braze posts them (reference/braze.md §6).</summary>
internal static class CurrentsTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static CurrentsParseOptions Options(string environment = "production") =>
        new(environment, new IngestParseOptions(Now));

    public static JsonObject Event(string eventType = "users.messages.pushnotification.Open", string id = "9e1f2b3c-0000-4000-8000-000000000001",
        string? externalUserId = "u-1", long time = 1_795_000_000, JsonObject? properties = null)
    {
        var user = new JsonObject { ["user_id"] = "5f0000000000000000000001", ["device_id"] = "dev-1", ["timezone"] = "Europe/Madrid" };
        if (externalUserId is not null)
        {
            user["external_user_id"] = externalUserId;
        }

        return new JsonObject
        {
            ["event_type"] = eventType,
            ["id"] = id,
            ["time"] = time,
            ["user"] = user,
            ["properties"] = properties ?? new JsonObject
            {
                ["app_id"] = "app-ios",
                ["campaign_id"] = "cmp-1",
                ["campaign_name"] = "Welcome",
                ["platform"] = "ios",
            },
        };
    }

    public static string Body(params JsonNode[] events) => new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString();

    public static CurrentsParseResult Parse(string body, string environment = "production") =>
        CurrentsParser.Parse(Encoding.UTF8.GetBytes(body), Options(environment));

    public static JsonNode Converted(CurrentsParseResult result, int index = 0) =>
        JsonNode.Parse(Encoding.UTF8.GetString(result.Batches[index].Raw.Span))!;
}
