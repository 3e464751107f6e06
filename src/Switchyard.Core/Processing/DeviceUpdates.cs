using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Keeps the device fields device criteria read (<see cref="DeviceFields"/>) from the batch's <c>device_info</c> and
/// <c>application_info</c> (reference/mparticle.md §1.6), last-writer-wins by batch write time: a batch older than the
/// kept fields changes nothing, a newer one overwrites the fields it carries and leaves the others.
/// </summary>
internal static class DeviceUpdates
{
    public static void Apply(Profile profile, Batch batch, long writeMs)
    {
        if (batch.DeviceInfo is null && batch.ApplicationInfo is null || writeMs < profile.DeviceUpdatedAtMs)
        {
            return;
        }

        if (batch.DeviceInfo is { } device)
        {
            if (device.Platform is { } platform)
            {
                profile.Device[DeviceFields.Platform] = DevicePlatformConverter.Instance.NameOf(platform);
            }

            Set(profile, DeviceFields.OsVersion, device.OsVersion);
            Set(profile, DeviceFields.DeviceModel, device.DeviceModel);
            Set(profile, DeviceFields.DeviceManufacturer, device.DeviceManufacturer);
            Set(profile, DeviceFields.Brand, device.Brand);
            Set(profile, DeviceFields.Carrier, device.NetworkCarrier);
            Set(profile, DeviceFields.DeviceCountry, device.DeviceCountry);
            Set(profile, DeviceFields.LocaleCountry, device.LocaleCountry);
            Set(profile, DeviceFields.LocaleLanguage, device.LocaleLanguage);
        }

        if (batch.ApplicationInfo is { } application)
        {
            Set(profile, DeviceFields.AppVersion, application.ApplicationVersion);
            Set(profile, DeviceFields.AppBuild, application.ApplicationBuildNumber);
        }

        profile.DeviceUpdatedAtMs = writeMs;
    }

    private static void Set(Profile profile, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            profile.Device[field] = value;
        }
    }
}
