using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// The <c>data</c> object of an event: the fields every event type shares (reference/mparticle.md §1.3).
/// Each event type derives its own data type; pattern-match on the runtime type or use <see cref="BatchEvent.EventType"/>.
/// </summary>
public abstract class EventData
{
    /// <summary>When the event happened. Optional on input: a later stage defaults it to the receive time (§1.3).</summary>
    public long? TimestampUnixtimeMs { get; set; }

    /// <summary>The client's id for the event (a UUID is suggested), used for de-duplication.</summary>
    public string? SourceMessageId { get; set; }

    public string? SessionUuid { get; set; }

    /// <summary>An int64 hash of <see cref="SessionUuid"/>.</summary>
    public long? SessionId { get; set; }

    /// <summary>Read-only on mParticle's side; accepted so a replayed export still parses.</summary>
    public long? EventId { get; set; }

    /// <summary>
    /// Event attributes. Values may be strings, numbers, booleans or null; arrays and objects are kept as raw JSON
    /// (<see cref="AttributeValueKind.Array"/>/<see cref="AttributeValueKind.Object"/>) rather than rejected,
    /// because SDKs send them and the downstream mapping drops them anyway. Never null.
    /// </summary>
    [JsonConverter(typeof(EventAttributesConverter))]
    public IReadOnlyDictionary<string, AttributeValue> CustomAttributes { get; set => field = value ?? EmptyAttributes.Map; } = EmptyAttributes.Map;

    public GeoLocation? Location { get; set; }

    public DeviceCurrentState? DeviceCurrentState { get; set; }
}
