using System.Text.Json;
using Switchyard.Core.Workspace;

namespace Switchyard.WebSdk;

/// <summary>
/// The <c>kitConfigs</c> entry that turns on mParticle's Braze kit (<c>@mparticle/web-braze-kit</c>) in a page: it
/// registers as "Appboy" with suffix "v4" and module id 28, its settings are strings, and filters left empty forward
/// everything (https://docs.mparticle.com/integrations/braze/event/ lists the settings).
/// </summary>
internal static class BrazeKitConfig
{
    public const int ModuleId = 28;

    public static void Write(Utf8JsonWriter json, BrazeKitSettings kit, bool development)
    {
        json.WriteStartObject();
        json.WriteString("name", "Appboy");
        json.WriteString("suffix", "v4");
        json.WriteNumber("moduleId", ModuleId);
        json.WriteBoolean("isDebug", development);
        json.WriteBoolean("isVisible", true);
        json.WriteStartObject("settings");
        json.WriteString("apiKey", kit.ApiKey);
        // A custom endpoint is given to the kit as {"JS": "host:port"}, which it turns into https://host:port/api/v3.
        json.WriteString("cluster", kit.Cluster ?? JsonSerializer.Serialize(new Dictionary<string, string> { ["JS"] = kit.SdkEndpoint! }, WebSdkJson.Default.DictionaryStringString));
        json.WriteString("userIdentificationType", kit.UserIdentificationType);
        json.WriteString("forwardScreenViews", kit.ForwardScreenViews ? "True" : "False");
        json.WriteString("bundleCommerceEventData", kit.BundleCommerceEventData ? "True" : "False");
        json.WriteEndObject();
        foreach (var filter in new[] { "eventNameFilters", "eventTypeFilters", "attributeFilters", "screenNameFilters", "screenAttributeFilters", "userIdentityFilters", "userAttributeFilters" })
        {
            json.WriteStartArray(filter);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
