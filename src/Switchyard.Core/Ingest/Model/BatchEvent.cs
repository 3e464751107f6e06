using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// One element of a batch's <c>events</c>: <c>{"event_type": …, "data": {…}}</c> (reference/mparticle.md §1.3).
/// <see cref="Data"/> is of the data type for <see cref="EventType"/> (e.g. <see cref="CustomEventData"/> for
/// <see cref="EventType.CustomEvent"/>; <see cref="GenericEventData"/> for the misc types).
/// </summary>
[JsonConverter(typeof(BatchEventConverter))]
public sealed class BatchEvent
{
    public BatchEvent(EventType eventType, EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        EventType = eventType;
        Data = data;
    }

    public EventType EventType { get; }

    public EventData Data { get; }
}
