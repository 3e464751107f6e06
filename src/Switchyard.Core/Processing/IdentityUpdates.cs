using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Writes a batch's identities onto the resolved profile. A missing identity is always added (that is how an anonymous
/// profile gets linked). A different value replaces the held one only if the batch is not older than the profile's
/// last activity: <see cref="Profile"/> keeps no per-identity write time, so
/// <see cref="Profile.LastSeenMs"/> stands in for it and a late, older batch cannot roll an email back.
/// </summary>
internal static class IdentityUpdates
{
    public static void Apply(Profile profile, BatchIdentities ids, IReadOnlySet<string> withheld, long writeMs)
    {
        var newer = writeMs >= profile.LastSeenMs;
        foreach (var (key, value) in ids.User)
        {
            if (!withheld.Contains(key))
            {
                Write(profile.UserIdentities, key, value, newer);
            }
        }

        foreach (var (field, value) in ids.Device)
        {
            Write(profile.DeviceIdentities, field, value, newer);
        }
    }

    private static void Write(Dictionary<string, string> held, string key, string value, bool newer)
    {
        if (newer || !held.ContainsKey(key))
        {
            held[key] = value;
        }
    }
}
