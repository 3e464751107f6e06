using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Export;

/// <summary>
/// The export shape of a user (reference/braze.md §2): profile fields at the top level (a missing one is null),
/// <c>custom_attributes</c>, and <c>custom_events</c> / <c>purchases</c> as <c>{name, first, last, count}</c>.
/// </summary>
internal static class ExportUserWriter
{
    public static JsonObject Write(SandboxUser user, IReadOnlyCollection<string> fields)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            result[field] = Field(user, field);
        }

        return result;
    }

    private static JsonNode? Field(SandboxUser user, string field) => field switch
    {
        ExportFields.ExternalId => user.ExternalId,
        ExportFields.BrazeId => user.BrazeId,
        ExportFields.CreatedAt => BrazeTime.Format(user.CreatedAt),
        ExportFields.UserAliases => new JsonArray(user.Aliases
            .Select(a => (JsonNode?)new JsonObject { ["alias_name"] = a.Value, ["alias_label"] = a.Key })
            .ToArray()),
        ExportFields.CustomAttributes => new JsonObject(user.CustomAttributes
            .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value.DeepClone()))),
        ExportFields.CustomEvents => Summaries(user.CustomEvents),
        ExportFields.Purchases => Summaries(user.Purchases
            .GroupBy(p => p.ProductId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new EventStats(g.Min(p => p.Time), g.Max(p => p.Time), g.Count()),
                StringComparer.Ordinal)),
        ExportFields.TotalRevenue => PurchaseRevenue.Total(user.Purchases),
        ExportFields.PushTokens => new JsonArray(user.PushTokens
            .Select(t => (JsonNode?)new JsonObject { ["app_id"] = t.AppId, ["token"] = t.Token, ["device_id"] = t.DeviceId })
            .ToArray()),
        ExportFields.SubscriptionGroups => new JsonArray(user.SubscriptionGroups
            .Select(g => (JsonNode?)new JsonObject { ["subscription_group_id"] = g.Key, ["subscription_state"] = g.Value })
            .ToArray()),
        ExportFields.Apps => Apps(user),
        _ when ExportFields.AlwaysEmpty.Contains(field) => new JsonArray(),
        _ => user.Profile.TryGetValue(field, out var value) ? value.DeepClone() : null,
    };

    /// <summary>
    /// Braze lists a user's apps with their session counts; the sandbox knows only sessions the Web SDK started, as
    /// one entry, first and last use being the first and last session's start.
    /// </summary>
    private static JsonArray Apps(SandboxUser user) => user.SessionCount == 0
        ? []
        :
        [
            new JsonObject
            {
                ["name"] = "Web SDK",
                ["platform"] = "Web",
                ["sessions"] = user.SessionCount,
                ["first_used"] = user.Profile.TryGetValue(ProfileFieldNames.DateOfFirstSession, out var first) ? first.DeepClone() : null,
                ["last_used"] = user.Profile.TryGetValue(ProfileFieldNames.DateOfLastSession, out var last) ? last.DeepClone() : null,
            },
        ];

    private static JsonArray Summaries(IReadOnlyDictionary<string, EventStats> stats) =>
        new(stats.Select(e => (JsonNode?)new JsonObject
        {
            ["name"] = e.Key,
            ["first"] = BrazeTime.Format(e.Value.First),
            ["last"] = BrazeTime.Format(e.Value.Last),
            ["count"] = e.Value.Count,
        }).ToArray());
}
