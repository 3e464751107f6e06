using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(ReadinessBody))]
[JsonSerializable(typeof(CurrentsAnswer))]
[JsonSerializable(typeof(BulkAnswer))]
[JsonSerializable(typeof(Hosting.QuickstartCredentials))]
internal sealed partial class HostJsonContext : JsonSerializerContext;

/// <summary>The host's JSON settings: the source-generated context, without escaping quotes and apostrophes in messages.</summary>
internal static class HostJson
{
    public static HostJsonContext Context { get; } = new(new JsonSerializerOptions(HostJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
