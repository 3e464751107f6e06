using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>custom_event_type</c> of a custom or commerce event (reference/mparticle.md §1.3, §1.4). The last five values are only valid on commerce events.</summary>
[JsonConverter(typeof(CustomEventTypeConverter))]
public enum CustomEventType
{
    Navigation,
    Location,
    Search,
    Transaction,
    UserContent,
    UserPreference,
    Social,
    Media,
    Other,
    Attribution,
    Unknown,
    PromotionView,
    PromotionClick,
    Impression,
    ConsentGranted,
    ConsentDenied,
}
