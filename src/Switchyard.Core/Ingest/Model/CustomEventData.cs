using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>custom_event</c> (reference/mparticle.md §1.3). Media and attribution events are custom events too.</summary>
public sealed class CustomEventData : EventData
{
    /// <summary>Required; at most 256 characters (§1.1: mParticle truncates, we reject).</summary>
    public string? EventName { get; set; }

    /// <summary>Required. The commerce-only values (<c>promotion_view</c>…) are rejected here.</summary>
    public CustomEventType? CustomEventType { get; set; }

    /// <summary>Integration-specific flags; not usable in audiences (§1.3). Never null.</summary>
    [JsonConverter(typeof(EventAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> CustomFlags { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;
}
