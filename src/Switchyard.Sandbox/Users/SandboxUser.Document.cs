using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;

namespace Switchyard.Sandbox.Users;

/// <summary>The JSON document a user is persisted as (one SQLite row per user).</summary>
internal sealed partial class SandboxUser
{
    public JsonObject ToDocument()
    {
        var doc = new JsonObject
        {
            ["braze_id"] = BrazeId,
            ["external_id"] = ExternalId,
            ["deprecated_external_ids"] = new JsonArray(DeprecatedExternalIds.Select(id => (JsonNode?)id).ToArray()),
            ["created_at"] = BrazeTime.Format(CreatedAt),
            ["updated_at"] = BrazeTime.Format(UpdatedAt),
            ["aliases"] = new JsonObject(Aliases.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            ["profile"] = new JsonObject(Profile.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))),
            ["custom_attributes"] = new JsonObject(CustomAttributes.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))),
            ["custom_events"] = new JsonArray(CustomEvents.Select(e => (JsonNode?)new JsonObject
            {
                ["name"] = e.Key,
                ["first"] = BrazeTime.Format(e.Value.First),
                ["last"] = BrazeTime.Format(e.Value.Last),
                ["count"] = e.Value.Count,
            }).ToArray()),
            ["purchases"] = new JsonArray(Purchases.Select(p => (JsonNode?)new JsonObject
            {
                ["product_id"] = p.ProductId,
                ["currency"] = p.Currency,
                ["price"] = p.Price.ToString(CultureInfo.InvariantCulture),
                ["time"] = BrazeTime.Format(p.Time),
                ["app_id"] = p.AppId,
                ["properties"] = p.Properties?.DeepClone(),
            }).ToArray()),
            ["push_tokens"] = new JsonArray(PushTokens.Select(t => (JsonNode?)new JsonObject
            {
                ["app_id"] = t.AppId,
                ["token"] = t.Token,
                ["device_id"] = t.DeviceId,
            }).ToArray()),
            ["subscription_groups"] = new JsonObject(SubscriptionGroups.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Value))),
            ["session_count"] = SessionCount,
        };
        return doc;
    }

    public static SandboxUser FromDocument(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var user = new SandboxUser(Text(doc, "braze_id"), BrazeTime.ParseCanonical(Text(doc, "created_at")))
        {
            ExternalId = (string?)doc["external_id"],
            UpdatedAt = BrazeTime.ParseCanonical(Text(doc, "updated_at")),
            // Documents written before the Web SDK route existed have no count.
            SessionCount = (long?)doc["session_count"] ?? 0,
        };
        // Documents written before renames existed have no such list.
        foreach (var id in Array(doc, "deprecated_external_ids"))
        {
            user.DeprecatedExternalIds.Add((string)id!);
        }

        foreach (var (label, name) in Object(doc, "aliases"))
        {
            user.Aliases[label] = (string)name!;
        }

        foreach (var (key, value) in Object(doc, "profile"))
        {
            user.Profile[key] = value!.DeepClone();
        }

        foreach (var (key, value) in Object(doc, "custom_attributes"))
        {
            user.CustomAttributes[key] = value!.DeepClone();
        }

        foreach (var e in Array(doc, "custom_events").OfType<JsonObject>())
        {
            user.CustomEvents[Text(e, "name")] = new EventStats(
                BrazeTime.ParseCanonical(Text(e, "first")),
                BrazeTime.ParseCanonical(Text(e, "last")),
                (long)e["count"]!);
        }

        foreach (var p in Array(doc, "purchases").OfType<JsonObject>())
        {
            user.Purchases.Add(new PurchaseRecord(
                Text(p, "product_id"),
                Text(p, "currency"),
                decimal.Parse(Text(p, "price"), CultureInfo.InvariantCulture),
                BrazeTime.ParseCanonical(Text(p, "time")),
                (string?)p["app_id"],
                (JsonObject?)p["properties"]?.DeepClone()));
        }

        foreach (var t in Array(doc, "push_tokens").OfType<JsonObject>())
        {
            user.PushTokens.Add(new PushToken(Text(t, "app_id"), Text(t, "token"), (string?)t["device_id"]));
        }

        foreach (var (group, state) in Object(doc, "subscription_groups"))
        {
            user.SubscriptionGroups[group] = (string)state!;
        }

        return user;
    }

    private static string Text(JsonObject obj, string name) =>
        (string?)obj[name] ?? throw new InvalidDataException($"Persisted user document lacks '{name}'.");

    private static JsonObject Object(JsonObject obj, string name) => obj[name] as JsonObject ?? [];

    private static JsonArray Array(JsonObject obj, string name) => obj[name] as JsonArray ?? [];
}
