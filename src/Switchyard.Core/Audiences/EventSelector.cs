namespace Switchyard.Core.Audiences;

/// <summary>Which events an event criterion counts; maps onto <see cref="Profiles.EventKeys"/>.</summary>
public sealed class EventSelector
{
    /// <summary>An Events API <c>event_type</c>: <c>custom_event</c>, <c>screen_view</c>, <c>commerce_event</c>, <c>session_start</c>...</summary>
    public string? Type { get; init; }

    /// <summary>The event name (custom_event) or screen name (screen_view); none means any.</summary>
    public string? Name { get; init; }

    /// <summary>The commerce action (<c>purchase</c>, <c>add_to_cart</c>...); none means any commerce event.</summary>
    public string? Action { get; init; }
}
