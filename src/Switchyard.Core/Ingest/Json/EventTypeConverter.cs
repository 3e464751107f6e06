using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="EventType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class EventTypeConverter() : WireEnumConverter<EventType>(Names)
{
    internal static readonly EventTypeConverter Instance = new();

    private static KeyValuePair<string, EventType>[] Names =>
    [
        new("custom_event", EventType.CustomEvent),
        new("commerce_event", EventType.CommerceEvent),
        new("screen_view", EventType.ScreenView),
        new("session_start", EventType.SessionStart),
        new("session_end", EventType.SessionEnd),
        new("opt_out", EventType.OptOut),
        new("push_registration", EventType.PushRegistration),
        new("application_state_transition", EventType.ApplicationStateTransition),
        new("push_message", EventType.PushMessage),
        new("user_attribute_change", EventType.UserAttributeChange),
        new("user_identity_change", EventType.UserIdentityChange),
        new("profile", EventType.Profile),
        new("crash_report", EventType.CrashReport),
        new("network_performance", EventType.NetworkPerformance),
        new("breadcrumb", EventType.Breadcrumb),
        new("uninstall", EventType.Uninstall),
        new("first_run", EventType.FirstRun),
        new("pre_attribution", EventType.PreAttribution),
        new("push_reaction", EventType.PushReaction),
        new("validation_result", EventType.ValidationResult),
        new("unknown", EventType.Unknown),
    ];
}
