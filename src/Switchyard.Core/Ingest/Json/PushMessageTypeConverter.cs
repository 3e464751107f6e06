using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="PushMessageType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class PushMessageTypeConverter() : WireEnumConverter<PushMessageType>(Names)
{
    internal static readonly PushMessageTypeConverter Instance = new();

    private static KeyValuePair<string, PushMessageType>[] Names =>
    [
        new("sent", PushMessageType.Sent),
        new("received", PushMessageType.Received),
        new("action", PushMessageType.Action),
    ];
}
