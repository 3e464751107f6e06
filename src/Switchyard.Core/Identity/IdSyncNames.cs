using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Identity;

/// <summary>
/// The identity names of mParticle's Identity API (IDSync: <c>customerid</c>, <c>other2</c>, <c>ios_idfa</c>…) and where
/// each goes in an Events API batch, so an identity request resolves through exactly the rules a batch does. The names
/// differ between the two APIs (https://docs.mparticle.com/developers/apis/idsync/http-api/ lists IDSync's).
/// </summary>
internal static class IdSyncNames
{
    private static readonly Dictionary<string, Action<UserIdentities, string?>> User = new(StringComparer.Ordinal)
    {
        ["customerid"] = (u, v) => u.CustomerId = v,
        ["email"] = (u, v) => u.Email = v,
        ["other"] = (u, v) => u.Other = v,
        ["other2"] = (u, v) => u.OtherId2 = v,
        ["other3"] = (u, v) => u.OtherId3 = v,
        ["other4"] = (u, v) => u.OtherId4 = v,
        ["other5"] = (u, v) => u.OtherId5 = v,
        ["other6"] = (u, v) => u.OtherId6 = v,
        ["other7"] = (u, v) => u.OtherId7 = v,
        ["other8"] = (u, v) => u.OtherId8 = v,
        ["other9"] = (u, v) => u.OtherId9 = v,
        ["other10"] = (u, v) => u.OtherId10 = v,
        ["facebook"] = (u, v) => u.Facebook = v,
        ["twitter"] = (u, v) => u.Twitter = v,
        ["google"] = (u, v) => u.Google = v,
        ["microsoft"] = (u, v) => u.Microsoft = v,
        ["yahoo"] = (u, v) => u.Yahoo = v,
        ["alias"] = (u, v) => u.Alias = v,
        ["facebookcustomaudienceid"] = (u, v) => u.FacebookCustomAudienceId = v,
        ["mobile_number"] = (u, v) => u.MobileNumber = v,
        ["phone_number_2"] = (u, v) => u.PhoneNumber2 = v,
        ["phone_number_3"] = (u, v) => u.PhoneNumber3 = v,
    };

    private static readonly Dictionary<string, Action<DeviceInfo, string?>> Device = new(StringComparer.Ordinal)
    {
        ["ios_idfa"] = (d, v) => d.IosAdvertisingId = v,
        ["ios_idfv"] = (d, v) => d.IosIdfv = v,
        ["android_aaid"] = (d, v) => d.AndroidAdvertisingId = v,
        ["android_uuid"] = (d, v) => d.AndroidUuid = v,
        ["roku_aid"] = (d, v) => d.RokuAdvertisingId = v,
        ["roku_publisher_id"] = (d, v) => d.RokuPublisherId = v,
        ["fire_aid"] = (d, v) => d.FireAdvertisingId = v,
        ["amp_id"] = (d, v) => d.AmpId = v,
    };

    /// <summary>The browser's (or app's) device application stamp: the batch's <c>mp_deviceid</c>.</summary>
    public const string DeviceApplicationStamp = "device_application_stamp";

    /// <summary>Names accepted but not used to find anyone (a push token identifies a device registration, not a user).</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "push_token" };

    public static bool IsKnown(string name) => User.ContainsKey(name) || Device.ContainsKey(name) || name == DeviceApplicationStamp || Ignored.Contains(name);

    public static bool IsUserIdentity(string name) => User.ContainsKey(name);

    /// <summary>The names in the order a message lists them.</summary>
    public static IEnumerable<string> All => User.Keys.Concat(Device.Keys).Append(DeviceApplicationStamp).Concat(Ignored);

    /// <summary>A batch with no events that carries these identities, as an SDK's next batch would.</summary>
    public static Batch ToBatch(IReadOnlyDictionary<string, string> identities, BatchEnvironment environment)
    {
        var user = new UserIdentities();
        var device = new DeviceInfo();
        var batch = new Batch { Environment = environment, UserIdentities = user, DeviceInfo = device };
        foreach (var (name, value) in identities)
        {
            if (User.TryGetValue(name, out var setUser))
            {
                setUser(user, value);
            }
            else if (Device.TryGetValue(name, out var setDevice))
            {
                setDevice(device, value);
            }
            else if (name == DeviceApplicationStamp)
            {
                batch.MpDeviceId = value;
            }
        }

        return batch;
    }

    /// <summary>IDSync name → the key a profile stores it under (<c>customerid</c> → <c>customer_id</c>, <c>ios_idfa</c> → <c>ios_advertising_id</c>), read once from the batch mapping itself.</summary>
    private static readonly Dictionary<string, (string Key, bool Device)> Stored = All
        .Where(name => !Ignored.Contains(name))
        .ToDictionary(name => name, name =>
        {
            var ids = Processing.BatchIdentities.Of(ToBatch(new Dictionary<string, string> { [name] = "x" }, BatchEnvironment.Production));
            return ids.User.Count == 1 ? (ids.User.Keys.Single(), false) : (ids.Device.Keys.Single(), true);
        }, StringComparer.Ordinal);

    /// <summary>The name a user identity is stored under on a profile (<c>customerid</c> → <c>customer_id</c>); null for device names.</summary>
    public static string? StoredUserKey(string name) => Stored.TryGetValue(name, out var stored) && !stored.Device ? stored.Key : null;

    /// <summary>The device identity field a device name is stored under (<c>device_application_stamp</c> → <c>mp_deviceid</c>); null for user names.</summary>
    public static string? StoredDeviceField(string name) => Stored.TryGetValue(name, out var stored) && stored.Device ? stored.Key : null;
}
