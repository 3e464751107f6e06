using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="ApplicationOs"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class ApplicationOsConverter() : WireEnumConverter<ApplicationOs>(Names)
{
    internal static readonly ApplicationOsConverter Instance = new();

    private static KeyValuePair<string, ApplicationOs>[] Names =>
    [
        new("Unknown", ApplicationOs.Unknown),
        new("IOS", ApplicationOs.IOS),
        new("Android", ApplicationOs.Android),
        new("WindowsPhone", ApplicationOs.WindowsPhone),
        new("MobileWeb", ApplicationOs.MobileWeb),
        new("UnityIOS", ApplicationOs.UnityIOS),
        new("UnityAndroid", ApplicationOs.UnityAndroid),
        new("Desktop", ApplicationOs.Desktop),
        new("TVOS", ApplicationOs.TVOS),
        new("Roku", ApplicationOs.Roku),
        new("OutOfBand", ApplicationOs.OutOfBand),
        new("Alexa", ApplicationOs.Alexa),
        new("SmartTV", ApplicationOs.SmartTV),
        new("FireTV", ApplicationOs.FireTV),
        new("Xbox", ApplicationOs.Xbox),
    ];
}
