using System.Collections.Frozen;

namespace Switchyard.Core.Profiles;

/// <summary>
/// The names identities are stored and looked up under: user identities by their Events API wire name
/// (reference/mparticle.md §1.5; <c>customerid</c> is stored as <c>customer_id</c>), device identities as
/// <c>device:&lt;device_info field&gt;</c> so the two kinds never collide.
/// </summary>
public static class IdentityKeys
{
    public const string CustomerId = "customer_id";

    public const string Email = "email";

    public static string Device(string deviceInfoField)
    {
        ArgumentNullException.ThrowIfNull(deviceInfoField);
        return KnownDeviceKeys.TryGetValue(deviceInfoField, out var key) ? key : DevicePrefix + deviceInfoField;
    }

    private const string DevicePrefix = "device:";

    // The keys of the device_info ID fields and the SDK's device stamp, built once: the processor asks for them several
    // times per batch (resolving the user, and listing a profile's identities on every read and save).
    private static readonly FrozenDictionary<string, string> KnownDeviceKeys =
        Audiences.AudienceVocabulary.DeviceIdentities.Append(Processing.BatchIdentities.MpDeviceId)
            .ToFrozenDictionary(field => field, field => DevicePrefix + field, StringComparer.Ordinal);
}
