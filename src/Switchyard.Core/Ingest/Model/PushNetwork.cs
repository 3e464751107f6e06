using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>network</c> of a push_message event: Apple or Google (reference/mparticle.md §1.3).</summary>
[JsonConverter(typeof(PushNetworkConverter))]
public enum PushNetwork
{
    Apn,
    Gcm,
}
