using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>Source-generated serialisation of the forwarded batches (no reflection on the hot path).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
