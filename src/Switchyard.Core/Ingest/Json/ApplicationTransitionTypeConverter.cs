using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="ApplicationTransitionType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class ApplicationTransitionTypeConverter() : WireEnumConverter<ApplicationTransitionType>(Names)
{
    internal static readonly ApplicationTransitionTypeConverter Instance = new();

    private static KeyValuePair<string, ApplicationTransitionType>[] Names =>
    [
        new("application_initialized", ApplicationTransitionType.ApplicationInitialized),
        new("application_exit", ApplicationTransitionType.ApplicationExit),
        new("application_background", ApplicationTransitionType.ApplicationBackground),
        new("application_foreground", ApplicationTransitionType.ApplicationForeground),
    ];
}
