using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>push_message_type</c> of a push_message event (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(PushMessageTypeConverter))]
public enum PushMessageType
{
    Sent,
    Received,
    Action,
}
