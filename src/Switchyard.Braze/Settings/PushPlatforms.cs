using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Settings;

/// <summary>
/// <c>device_info.platform</c> wire names (reference/mparticle.md §1.6), used for "API key operating system" and to
/// read a batch's platform. Profiles key push tokens by the same names (Switchyard.Core's push slot).
/// </summary>
internal static class PushPlatforms
{
    private static readonly (DevicePlatform Platform, string Name)[] Table =
    [
        (DevicePlatform.IOS, "iOS"),
        (DevicePlatform.Android, "Android"),
        (DevicePlatform.Web, "web"),
        (DevicePlatform.TvOS, "tvOS"),
        (DevicePlatform.Roku, "roku"),
        (DevicePlatform.OutOfBand, "out_of_band"),
        (DevicePlatform.Alexa, "alexa"),
        (DevicePlatform.SmartTv, "smart_tv"),
        (DevicePlatform.FireTv, "fire_tv"),
        (DevicePlatform.Xbox, "xbox"),
        (DevicePlatform.Desktop, "desktop"),
    ];

    public static string AllNames => string.Join(", ", Table.Select(t => t.Name));

    public static bool TryParse(string name, out DevicePlatform platform)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                platform = row.Platform;
                return true;
            }
        }

        platform = default;
        return false;
    }

    public static string NameOf(DevicePlatform platform) => Table.First(t => t.Platform == platform).Name;

    /// <summary>The batch's platform (<see cref="WireNames.PlatformOf"/>).</summary>
    public static DevicePlatform? Of(Batch batch) => WireNames.PlatformOf(batch);
}
