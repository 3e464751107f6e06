using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="CustomEventType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class CustomEventTypeConverter() : WireEnumConverter<CustomEventType>(Names)
{
    internal static readonly CustomEventTypeConverter Instance = new();

    private static KeyValuePair<string, CustomEventType>[] Names =>
    [
        new("navigation", CustomEventType.Navigation),
        new("location", CustomEventType.Location),
        new("search", CustomEventType.Search),
        new("transaction", CustomEventType.Transaction),
        new("user_content", CustomEventType.UserContent),
        new("user_preference", CustomEventType.UserPreference),
        new("social", CustomEventType.Social),
        new("media", CustomEventType.Media),
        new("other", CustomEventType.Other),
        new("attribution", CustomEventType.Attribution),
        new("unknown", CustomEventType.Unknown),
        new("promotion_view", CustomEventType.PromotionView),
        new("promotion_click", CustomEventType.PromotionClick),
        new("impression", CustomEventType.Impression),
        new("consent_granted", CustomEventType.ConsentGranted),
        new("consent_denied", CustomEventType.ConsentDenied),
    ];
}
