using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>event_type</c> of an event envelope (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(EventTypeConverter))]
public enum EventType
{
    CustomEvent,
    CommerceEvent,
    ScreenView,
    SessionStart,
    SessionEnd,
    OptOut,
    PushRegistration,
    ApplicationStateTransition,
    PushMessage,
    UserAttributeChange,
    UserIdentityChange,
    Profile,
    CrashReport,
    NetworkPerformance,
    Breadcrumb,
    Uninstall,
    FirstRun,
    PreAttribution,
    PushReaction,
    ValidationResult,
    Unknown,
}
