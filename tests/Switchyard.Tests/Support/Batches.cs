namespace Switchyard.Tests.Support;

/// <summary>Sample Events API bodies.</summary>
internal static class Batches
{
    public static string CustomEvent(string name = "Played", string? sourceRequestId = null, string environment = "development") => $$"""
        {
          "environment": "{{environment}}",
          {{(sourceRequestId is null ? "" : $"\"source_request_id\": \"{sourceRequestId}\",")}}
          "user_identities": { "customer_id": "c-1", "email": "a@example.com" },
          "user_attributes": { "$FirstName": "Ada", "plan": "pro" },
          "events": [
            { "event_type": "custom_event", "data": { "event_name": "{{name}}", "custom_event_type": "other", "timestamp_unixtime_ms": 1764000000000 } }
          ]
        }
        """;

    public static string Bulk(int count, Func<int, string>? batch = null) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => batch?.Invoke(i) ?? CustomEvent($"e{i}"))) + "]";
}
