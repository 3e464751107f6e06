using System.Text.Json.Serialization;

namespace Switchyard.Braze.Engine;

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(BrazeOutboxPayload))]
internal sealed partial class BrazeOutboxPayloadJsonContext : JsonSerializerContext;
