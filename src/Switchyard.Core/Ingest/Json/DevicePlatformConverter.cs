using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="DevicePlatform"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class DevicePlatformConverter() : WireEnumConverter<DevicePlatform>(Names)
{
    internal static readonly DevicePlatformConverter Instance = new();

    private static KeyValuePair<string, DevicePlatform>[] Names =>
    [
        new("iOS", DevicePlatform.IOS),
        new("Android", DevicePlatform.Android),
        new("web", DevicePlatform.Web),
        new("tvOS", DevicePlatform.TvOS),
        new("roku", DevicePlatform.Roku),
        new("out_of_band", DevicePlatform.OutOfBand),
        new("alexa", DevicePlatform.Alexa),
        new("smart_tv", DevicePlatform.SmartTv),
        new("fire_tv", DevicePlatform.FireTv),
        new("xbox", DevicePlatform.Xbox),
        new("desktop", DevicePlatform.Desktop),
    ];
}
