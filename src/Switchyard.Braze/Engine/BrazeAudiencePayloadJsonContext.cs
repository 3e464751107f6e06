using System.Text.Json.Serialization;

namespace Switchyard.Braze.Engine;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(BrazeAudiencePayload))]
internal sealed partial class BrazeAudiencePayloadJsonContext : JsonSerializerContext;
