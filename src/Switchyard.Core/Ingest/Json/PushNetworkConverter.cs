using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="PushNetwork"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class PushNetworkConverter() : WireEnumConverter<PushNetwork>(Names)
{
    internal static readonly PushNetworkConverter Instance = new();

    private static KeyValuePair<string, PushNetwork>[] Names =>
    [
        new("apn", PushNetwork.Apn),
        new("gcm", PushNetwork.Gcm),
    ];
}
