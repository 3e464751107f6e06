namespace Switchyard.Core.Profiles;

/// <summary>
/// How an event is named in <see cref="Profile.Events"/> and in audience criteria: the event type, then what
/// distinguishes it. Names are kept as sent (case-sensitive).
/// </summary>
public static class EventKeys
{
    /// <summary><c>custom_event:&lt;event_name&gt;</c> (Currents engagement events are custom events too).</summary>
    public static string Custom(string eventName) => "custom_event:" + eventName;

    /// <summary><c>screen_view:&lt;screen_name&gt;</c>.</summary>
    public static string ScreenView(string screenName) => "screen_view:" + screenName;

    /// <summary><c>commerce_event:&lt;action&gt;</c> with the product action's wire name (<c>purchase</c>, <c>add_to_cart</c>...) or the promotion action (<c>promotion_view</c>, <c>promotion_click</c>), or <c>impression</c>.</summary>
    public static string Commerce(string action) => "commerce_event:" + action;

    /// <summary>Any other event type by its wire name alone: <c>session_start</c>, <c>session_end</c>, <c>uninstall</c>, <c>push_registration</c>...</summary>
    public static string OfType(string eventType) => eventType;

    /// <summary>The event type part of a key (<c>custom_event</c> for <c>custom_event:Played</c>).</summary>
    public static string TypeOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }
}
