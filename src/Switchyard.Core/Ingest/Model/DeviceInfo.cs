namespace Switchyard.Core.Ingest.Model;

/// <summary>A batch's <c>device_info</c> (reference/mparticle.md §1.6).</summary>
public sealed class DeviceInfo
{
    public DevicePlatform? Platform { get; set; }

    /// <summary>IDFA.</summary>
    public string? IosAdvertisingId { get; set; }

    public string? IosIdfv { get; set; }

    /// <summary>GAID.</summary>
    public string? AndroidAdvertisingId { get; set; }

    public string? AndroidUuid { get; set; }

    public string? RokuAdvertisingId { get; set; }

    public string? RokuPublisherId { get; set; }

    public string? MicrosoftAdvertisingId { get; set; }

    public string? MicrosoftPublisherId { get; set; }

    public string? FireAdvertisingId { get; set; }

    public string? AmpId { get; set; }

    public string? PushToken { get; set; }

    public AttAuthorizationStatus? AttAuthorizationStatus { get; set; }

    public long? AttTimestampUnixtimeMs { get; set; }

    public bool? LimitAdTracking { get; set; }

    public string? Brand { get; set; }

    public string? Product { get; set; }

    public string? Device { get; set; }

    public string? DeviceManufacturer { get; set; }

    public string? DeviceModel { get; set; }

    public string? OsVersion { get; set; }

    public string? BuildIdentifier { get; set; }

    public string? HttpHeaderUserAgent { get; set; }

    public int? ScreenHeight { get; set; }

    public int? ScreenWidth { get; set; }

    public int? ScreenDpi { get; set; }

    public string? DeviceCountry { get; set; }

    public string? LocaleLanguage { get; set; }

    public string? LocaleCountry { get; set; }

    public string? NetworkCountry { get; set; }

    public string? NetworkCarrier { get; set; }

    public string? NetworkCode { get; set; }

    public string? NetworkMobileCountryCode { get; set; }

    /// <summary>Hours from UTC; fractional for zones such as India (5.5).</summary>
    public double? TimezoneOffset { get; set; }

    public string? CpuArchitecture { get; set; }

    public string? RadioAccessTechnology { get; set; }

    public bool? IsTablet { get; set; }

    public bool? IsDst { get; set; }

    public bool? PushNotificationSoundEnabled { get; set; }

    public bool? PushNotificationVibrateEnabled { get; set; }

    public bool? SupportsTelephony { get; set; }

    public bool? HasNfc { get; set; }

    public bool? BluetoothEnabled { get; set; }

    public string? BluetoothVersion { get; set; }
}
