using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="PushApplicationState"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class PushApplicationStateConverter() : WireEnumConverter<PushApplicationState>(Names)
{
    internal static readonly PushApplicationStateConverter Instance = new();

    private static KeyValuePair<string, PushApplicationState>[] Names =>
    [
        new("not_running", PushApplicationState.NotRunning),
        new("background", PushApplicationState.Background),
        new("foreground", PushApplicationState.Foreground),
    ];
}
