namespace Switchyard.Core.Audiences;

/// <summary>The names criteria may use for identities, event types and commerce actions (reference/mparticle.md §1.3–1.6).</summary>
internal static class AudienceVocabulary
{
    public const string DevicePrefix = "device:";

    public const string CustomEvent = "custom_event";

    public const string ScreenView = "screen_view";

    public const string CommerceEvent = "commerce_event";

    public static readonly HashSet<string> UserIdentities = new(StringComparer.Ordinal)
    {
        "customer_id", "email", "other", "other_id_2", "other_id_3", "other_id_4", "other_id_5", "other_id_6",
        "other_id_7", "other_id_8", "other_id_9", "other_id_10", "facebook", "twitter", "google", "microsoft", "yahoo",
        "alias", "facebook_custom_audience_id", "mobile_number", "phone_number_2", "phone_number_3",
    };

    /// <summary>The device_info fields that are identities (§1.6 IDs).</summary>
    public static readonly HashSet<string> DeviceIdentities = new(StringComparer.Ordinal)
    {
        "ios_advertising_id", "ios_idfv", "android_advertising_id", "android_uuid", "roku_advertising_id",
        "roku_publisher_id", "microsoft_advertising_id", "microsoft_publisher_id", "fire_advertising_id", "amp_id",
    };

    public static readonly HashSet<string> EventTypes = new(StringComparer.Ordinal)
    {
        CustomEvent, CommerceEvent, ScreenView, "session_start", "session_end", "opt_out", "push_registration",
        "application_state_transition", "push_message", "user_attribute_change", "user_identity_change", "profile",
        "crash_report", "network_performance", "breadcrumb", "uninstall", "first_run", "pre_attribution",
        "push_reaction", "validation_result", "unknown",
    };

    /// <summary>
    /// The device fields a profile keeps from its latest batch's <c>device_info</c> and <c>application_info</c>
    /// (reference/mparticle.md §1.6), for mParticle's "Device, OS, Carrier" criteria.
    /// </summary>
    public static readonly HashSet<string> DeviceFields = new(StringComparer.Ordinal)
    {
        Profiles.DeviceFields.Platform, Profiles.DeviceFields.OsVersion, Profiles.DeviceFields.DeviceModel,
        Profiles.DeviceFields.DeviceManufacturer, Profiles.DeviceFields.Brand, Profiles.DeviceFields.Carrier,
        Profiles.DeviceFields.DeviceCountry, Profiles.DeviceFields.LocaleCountry, Profiles.DeviceFields.LocaleLanguage,
        Profiles.DeviceFields.AppVersion, Profiles.DeviceFields.AppBuild,
    };

    /// <summary>Location criteria read the reserved location attributes (§1.7).</summary>
    public static readonly Dictionary<string, string> LocationAttributes = new(StringComparer.Ordinal)
    {
        ["country"] = "$Country",
        ["region"] = "$State",
        ["city"] = "$City",
        ["zip"] = "$Zip",
    };

    /// <summary>
    /// Product actions, promotion actions and impressions, each mapped to the spelling
    /// <see cref="Profiles.EventKeys.Commerce"/> records it under. <c>remove_from_wishlist</c> (the Web SDK's spelling)
    /// is an alias the Events API accepts for the documented <c>remove_from_wish_list</c> (§1.4); the processor records
    /// both under the documented one, so a criterion must read that key whichever spelling it uses.
    /// </summary>
    public static readonly Dictionary<string, string> CommerceActions = new(StringComparer.Ordinal)
    {
        ["add_to_cart"] = "add_to_cart",
        ["remove_from_cart"] = "remove_from_cart",
        ["checkout"] = "checkout",
        ["checkout_option"] = "checkout_option",
        ["click"] = "click",
        ["view_detail"] = "view_detail",
        ["purchase"] = "purchase",
        ["refund"] = "refund",
        ["add_to_wishlist"] = "add_to_wishlist",
        ["remove_from_wish_list"] = "remove_from_wish_list",
        ["remove_from_wishlist"] = "remove_from_wish_list",
        ["unknown"] = "unknown",
        ["promotion_view"] = "promotion_view",
        ["promotion_click"] = "promotion_click",
        ["impression"] = "impression",
    };

    /// <summary>The stored identity key for a criterion's identity name, or null when it is not an identity.</summary>
    public static (string Key, bool Device)? Identity(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower == "customerid")
        {
            return (Profiles.IdentityKeys.CustomerId, false);
        }

        if (UserIdentities.Contains(lower))
        {
            return (lower, false);
        }

        if (lower.StartsWith(DevicePrefix, StringComparison.Ordinal) && DeviceIdentities.Contains(lower[DevicePrefix.Length..]))
        {
            return (lower[DevicePrefix.Length..], true);
        }

        return null;
    }
}
