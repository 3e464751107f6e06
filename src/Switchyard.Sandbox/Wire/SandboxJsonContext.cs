using System.Text.Encodings.Web;
using System.Text.Json;
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
internal sealed partial class SandboxJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used on the wire: like <see cref="Default"/> but without HTML-safe escaping, so Braze's messages
    /// (<c>'external_id', ... is required</c>) read the same as Braze's own.
    /// </summary>
    public static SandboxJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
