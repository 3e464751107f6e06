using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>push_message</c> (reference/mparticle.md §1.3).</summary>
public sealed class PushMessageEventData : EventData
{
    public PushMessageType? PushMessageType { get; set; }

    public string? PushMessageToken { get; set; }

    /// <summary>The push payload, as the client sent it.</summary>
    public string? Message { get; set; }

    public PushNetwork? Network { get; set; }

    public PushApplicationState? ApplicationState { get; set; }

    public string? ActionIdentifier { get; set; }

    /// <summary>
    /// An int bitmask in the JSON reference but a string enum in the event models (§1.3), so both are kept
    /// as sent: <see cref="AttributeValueKind.Number"/> or <see cref="AttributeValueKind.String"/>.
    /// </summary>
    [JsonConverter(typeof(EventAttributeValueConverter))]
    public AttributeValue PushMessageBehavior { get; set; }
}
