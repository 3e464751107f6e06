using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="BatchEnvironment"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class BatchEnvironmentConverter() : WireEnumConverter<BatchEnvironment>(Names)
{
    internal static readonly BatchEnvironmentConverter Instance = new();

    private static KeyValuePair<string, BatchEnvironment>[] Names =>
    [
        new("production", BatchEnvironment.Production),
        new("development", BatchEnvironment.Development),
        new("unknown", BatchEnvironment.Unknown),
    ];
}
