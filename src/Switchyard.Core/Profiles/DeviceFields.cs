namespace Switchyard.Core.Profiles;

/// <summary>The names of the device fields a profile keeps (<see cref="Profile.Device"/>), from <c>device_info</c> and <c>application_info</c>.</summary>
public static class DeviceFields
{
    /// <summary><c>device_info.platform</c> as sent: <c>iOS</c>, <c>Android</c>, <c>web</c>…</summary>
    public const string Platform = "platform";

    public const string OsVersion = "os_version";

    public const string DeviceModel = "device_model";

    public const string DeviceManufacturer = "device_manufacturer";

    public const string Brand = "brand";

    /// <summary><c>device_info.network_carrier</c>.</summary>
    public const string Carrier = "carrier";

    public const string DeviceCountry = "device_country";

    public const string LocaleCountry = "locale_country";

    public const string LocaleLanguage = "locale_language";

    /// <summary><c>application_info.application_version</c>.</summary>
    public const string AppVersion = "app_version";

    /// <summary><c>application_info.application_build_number</c>.</summary>
    public const string AppBuild = "app_build";
}
