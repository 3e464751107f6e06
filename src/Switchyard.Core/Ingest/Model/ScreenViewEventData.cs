using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>screen_view</c> (reference/mparticle.md §1.3).</summary>
public sealed class ScreenViewEventData : EventData
{
    /// <summary>Required; it is the event's name, so the 256-character limit of §1.1 applies.</summary>
    public string? ScreenName { get; set; }

    public string? ActivityType { get; set; }

    [JsonConverter(typeof(EventAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> CustomFlags { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;
}
