using Switchyard.Core.Profiles;

namespace Switchyard.Core.Privacy;

/// <summary>
/// OpenDSR identity types and the identity keys Switchyard stores them under (<see cref="IdentityKeys"/>). The
/// mapping follows mParticle's DSR API v3 table (https://docs.mparticle.com/developers/apis/dsr-api/v3/): standard
/// types in <c>subject_identities</c>, mParticle-only ones in the <c>opendsr.mparticle.com</c> extension. Roku's
/// publisher id is accepted under both spellings the documentation uses.
/// </summary>
public static class DsrIdentityTypes
{
    private static readonly Dictionary<string, string> Standard = new(StringComparer.Ordinal)
    {
        ["controller_customer_id"] = IdentityKeys.CustomerId,
        ["email"] = IdentityKeys.Email,
        ["android_advertising_id"] = IdentityKeys.Device("android_advertising_id"),
        ["android_id"] = IdentityKeys.Device("android_uuid"),
        ["fire_advertising_id"] = IdentityKeys.Device("fire_advertising_id"),
        ["ios_advertising_id"] = IdentityKeys.Device("ios_advertising_id"),
        ["ios_vendor_id"] = IdentityKeys.Device("ios_idfv"),
        ["microsoft_advertising_id"] = IdentityKeys.Device("microsoft_advertising_id"),
        ["microsoft_publisher_id"] = IdentityKeys.Device("microsoft_publisher_id"),
        ["roku_advertising_id"] = IdentityKeys.Device("roku_advertising_id"),
        ["roku_publisher_id"] = IdentityKeys.Device("roku_publisher_id"),
        ["roku_publishing_id"] = IdentityKeys.Device("roku_publisher_id"),
    };

    private static readonly Dictionary<string, string> Extension = new(StringComparer.Ordinal)
    {
        ["other"] = "other",
        ["other2"] = "other_id_2",
        ["other3"] = "other_id_3",
        ["other4"] = "other_id_4",
        ["other5"] = "other_id_5",
        ["other6"] = "other_id_6",
        ["other7"] = "other_id_7",
        ["other8"] = "other_id_8",
        ["other9"] = "other_id_9",
        ["other10"] = "other_id_10",
        ["mobile_number"] = "mobile_number",
        ["phone_number_2"] = "phone_number_2",
        ["phone_number_3"] = "phone_number_3",
    };

    /// <summary>The extension type that names an MPID; it must be the only identity of its request.</summary>
    public const string Mpid = "mpid";

    /// <summary>The types discovery lists under <c>supported_identities</c> (the standard OpenDSR ones).</summary>
    public static IEnumerable<string> Supported => Standard.Keys.Where(k => k != "roku_publishing_id");

    public static string? StandardKey(string type) => Standard.GetValueOrDefault(type);

    public static string? ExtensionKey(string type) => Extension.GetValueOrDefault(type);
}
