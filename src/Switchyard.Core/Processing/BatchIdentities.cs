using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// The identities a batch carries, by the names they are stored under (<see cref="IdentityKeys"/>): user identities by
/// wire name (reference/mparticle.md §1.5; <c>customerid</c> already arrives as <c>customer_id</c>) and the device_info
/// ID fields (§1.6) by field name. Empty values identify nobody and are left out.
/// </summary>
internal sealed class BatchIdentities
{
    private BatchIdentities(Dictionary<string, string> user, Dictionary<string, string> device)
    {
        User = user;
        Device = device;
    }

    // Typed as the dictionaries they are so that the processor's loops over them, once or twice per batch, use the
    // struct enumerator rather than one allocated through the interface; nothing changes them after Of returns.

    /// <summary>Wire name → value.</summary>
    public Dictionary<string, string> User { get; }

    /// <summary>device_info field name → value (look up with <see cref="IdentityKeys.Device"/>).</summary>
    public Dictionary<string, string> Device { get; }

    public static BatchIdentities Of(Batch batch)
    {
        var user = new Dictionary<string, string>(StringComparer.Ordinal);
        if (batch.UserIdentities is { } u)
        {
            Add(user, IdentityKeys.CustomerId, u.CustomerId);
            Add(user, IdentityKeys.Email, u.Email);
            Add(user, "other", u.Other);
            Add(user, "other_id_2", u.OtherId2);
            Add(user, "other_id_3", u.OtherId3);
            Add(user, "other_id_4", u.OtherId4);
            Add(user, "other_id_5", u.OtherId5);
            Add(user, "other_id_6", u.OtherId6);
            Add(user, "other_id_7", u.OtherId7);
            Add(user, "other_id_8", u.OtherId8);
            Add(user, "other_id_9", u.OtherId9);
            Add(user, "other_id_10", u.OtherId10);
            Add(user, "facebook", u.Facebook);
            Add(user, "twitter", u.Twitter);
            Add(user, "google", u.Google);
            Add(user, "microsoft", u.Microsoft);
            Add(user, "yahoo", u.Yahoo);
            Add(user, "alias", u.Alias);
            Add(user, "facebook_custom_audience_id", u.FacebookCustomAudienceId);
            Add(user, "mobile_number", u.MobileNumber);
            Add(user, "phone_number_2", u.PhoneNumber2);
            Add(user, "phone_number_3", u.PhoneNumber3);
        }

        var device = new Dictionary<string, string>(StringComparer.Ordinal);
        if (batch.DeviceInfo is { } d)
        {
            Add(device, "ios_advertising_id", d.IosAdvertisingId);
            Add(device, "ios_idfv", d.IosIdfv);
            Add(device, "android_advertising_id", d.AndroidAdvertisingId);
            Add(device, "android_uuid", d.AndroidUuid);
            Add(device, "roku_advertising_id", d.RokuAdvertisingId);
            Add(device, "roku_publisher_id", d.RokuPublisherId);
            Add(device, "microsoft_advertising_id", d.MicrosoftAdvertisingId);
            Add(device, "microsoft_publisher_id", d.MicrosoftPublisherId);
            Add(device, "fire_advertising_id", d.FireAdvertisingId);
            Add(device, "amp_id", d.AmpId);
        }

        // The SDK's device application stamp is an identity too (IDSync's device_application_stamp, last in mParticle's
        // default hierarchy): it is what ties a browser's batches and identity calls to its anonymous profile.
        Add(device, MpDeviceId, batch.MpDeviceId);

        return new BatchIdentities(user, device);
    }

    /// <summary>The device identity key of a batch's <c>mp_deviceid</c>.</summary>
    public const string MpDeviceId = "mp_deviceid";

    private static void Add(Dictionary<string, string> map, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[key] = value;
        }
    }
}
