using System.Text.Json;

namespace Switchyard.Braze.Settings;

/// <summary>The settings as written (camelCase, every field optional here); <see cref="BrazeSettingsReader"/> validates it.</summary>
internal sealed class BrazeSettingsDocument
{
    public string? RestApiKey { get; set; }

    public string? AppIdentifierApiKey { get; set; }

    public string? ApiKeyOperatingSystem { get; set; }

    public string? ExternalIdentityType { get; set; }

    public string? EmailIdentityType { get; set; }

    public string? Instance { get; set; }

    public string? CustomRestEndpoint { get; set; }

    public bool? ForwardScreenViews { get; set; }

    public bool? ForwardSessionEvents { get; set; }

    public bool? SetEventNameForPageView { get; set; }

    /// <summary>A <see cref="JsonElement"/> so a wrong type is refused by <see cref="BrazeSettingsReader"/> with the field's name.</summary>
    public JsonElement ScreenViewEventPrefix { get; set; }

    public string? CommerceAmountsAs { get; set; }

    public string? CustomAttributeTypeDetection { get; set; }

    public bool? BundleCommerceEventData { get; set; }

    public bool? IncludeEnrichedUserAttributes { get; set; }

    public bool? IncludeEnrichedUserIdentities { get; set; }

    public bool? SendUserAttributeListsAsArrays { get; set; }

    /// <summary>A <see cref="JsonElement"/> so an explicit <c>null</c> (unset tags) differs from an absent field (default "true").</summary>
    public JsonElement UserTagsValue { get; set; }

    public bool? EventStreamForwarding { get; set; }

    public string? BatchRule { get; set; }

    public int? RateLimit { get; set; }

    public string? LedgerMaxAge { get; set; }

    public int? ReconcileExportsPerMinute { get; set; }

    public int? ReconcileSamplePerHour { get; set; }
}
