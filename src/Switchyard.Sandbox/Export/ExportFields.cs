using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Export;

/// <summary>Field names <c>fields_to_export</c> may list (reference/braze.md §2, /users/export/ids).</summary>
internal static class ExportFields
{
    public const string ExternalId = "external_id";
    public const string UserAliases = "user_aliases";
    public const string BrazeId = "braze_id";
    public const string CreatedAt = "created_at";
    public const string CustomAttributes = "custom_attributes";
    public const string CustomEvents = "custom_events";
    public const string Purchases = "purchases";
    public const string PushTokens = "push_tokens";
    public const string SubscriptionGroups = "subscription_groups";
    public const string TotalRevenue = "total_revenue";
    public const string Apps = "apps";

    /// <summary>Emulation-free fields: always empty arrays, since the sandbox does not send messages.</summary>
    public static IReadOnlyList<string> AlwaysEmpty { get; } = ["devices", "campaigns_received", "canvases_received"];

    public static IReadOnlyList<string> All { get; } =
    [
        ExternalId, UserAliases, BrazeId, CreatedAt,
        .. ProfileFieldNames.Stored,
        CustomAttributes, CustomEvents, Purchases, PushTokens, SubscriptionGroups, TotalRevenue, Apps,
        .. AlwaysEmpty,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string field) => Known.Contains(field);
}
