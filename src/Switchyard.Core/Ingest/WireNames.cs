using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest;

/// <summary>
/// The Events API wire names (reference/mparticle.md §1.3, §1.4, §1.6) the processor keys stored data by. The ingest
/// converters hold the same lists for parsing; these are the one spelling written back per value.
/// </summary>
public static class WireNames
{
    public static string Of(EventType type) => type switch
    {
        EventType.CustomEvent => "custom_event",
        EventType.CommerceEvent => "commerce_event",
        EventType.ScreenView => "screen_view",
        EventType.SessionStart => "session_start",
        EventType.SessionEnd => "session_end",
        EventType.OptOut => "opt_out",
        EventType.PushRegistration => "push_registration",
        EventType.ApplicationStateTransition => "application_state_transition",
        EventType.PushMessage => "push_message",
        EventType.UserAttributeChange => "user_attribute_change",
        EventType.UserIdentityChange => "user_identity_change",
        EventType.Profile => "profile",
        EventType.CrashReport => "crash_report",
        EventType.NetworkPerformance => "network_performance",
        EventType.Breadcrumb => "breadcrumb",
        EventType.Uninstall => "uninstall",
        EventType.FirstRun => "first_run",
        EventType.PreAttribution => "pre_attribution",
        EventType.PushReaction => "push_reaction",
        EventType.ValidationResult => "validation_result",
        _ => "unknown",
    };

    public static string Of(ProductActionType action) => action switch
    {
        ProductActionType.AddToCart => "add_to_cart",
        ProductActionType.RemoveFromCart => "remove_from_cart",
        ProductActionType.Checkout => "checkout",
        ProductActionType.CheckoutOption => "checkout_option",
        ProductActionType.Click => "click",
        ProductActionType.ViewDetail => "view_detail",
        ProductActionType.Purchase => "purchase",
        ProductActionType.Refund => "refund",
        ProductActionType.AddToWishlist => "add_to_wishlist",
        ProductActionType.RemoveFromWishlist => "remove_from_wish_list",
        _ => "unknown",
    };

    /// <summary>
    /// The push token slot: <c>device_info.platform</c> (§1.6), else the platform <c>application_info.os</c> implies
    /// (§1.2), else <c>unknown</c>.
    /// </summary>
    public static string PushSlot(Batch batch) => Of(PlatformOf(batch));

    /// <summary>The batch's platform: <c>device_info.platform</c>, else what <c>application_info.os</c> implies (§1.2).</summary>
    public static DevicePlatform? PlatformOf(Batch batch) => batch.DeviceInfo?.Platform ?? batch.ApplicationInfo?.Os switch
    {
        ApplicationOs.IOS or ApplicationOs.UnityIOS => DevicePlatform.IOS,
        ApplicationOs.Android or ApplicationOs.UnityAndroid => DevicePlatform.Android,
        ApplicationOs.MobileWeb => DevicePlatform.Web,
        ApplicationOs.TVOS => DevicePlatform.TvOS,
        ApplicationOs.Roku => DevicePlatform.Roku,
        ApplicationOs.OutOfBand => DevicePlatform.OutOfBand,
        ApplicationOs.Alexa => DevicePlatform.Alexa,
        ApplicationOs.SmartTV => DevicePlatform.SmartTv,
        ApplicationOs.FireTV => DevicePlatform.FireTv,
        ApplicationOs.Xbox => DevicePlatform.Xbox,
        ApplicationOs.Desktop => DevicePlatform.Desktop,
        _ => null,
    };

    private static string Of(DevicePlatform? platform) => platform switch
    {
        DevicePlatform.IOS => "iOS",
        DevicePlatform.Android => "Android",
        DevicePlatform.Web => "web",
        DevicePlatform.TvOS => "tvOS",
        DevicePlatform.Roku => "roku",
        DevicePlatform.OutOfBand => "out_of_band",
        DevicePlatform.Alexa => "alexa",
        DevicePlatform.SmartTv => "smart_tv",
        DevicePlatform.FireTv => "fire_tv",
        DevicePlatform.Xbox => "xbox",
        DevicePlatform.Desktop => "desktop",
        _ => "unknown",
    };
}
