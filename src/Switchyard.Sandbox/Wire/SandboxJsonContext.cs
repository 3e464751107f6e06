using System.Text.Json.Serialization;
using Switchyard.Sandbox.DataPoints;

namespace Switchyard.Sandbox.Wire;

/// <summary>Source-generated serialisation of the sandbox's fixed wire shapes (snake_case like Braze).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(TrackResponse))]
[JsonSerializable(typeof(DeleteResponse))]
[JsonSerializable(typeof(AliasesProcessedResponse))]
[JsonSerializable(typeof(DataPointReport))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
