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
    /// <summary>Returns whether a user identity was added or changed (device identities do not count).</summary>
    public static bool Apply(Profile profile, BatchIdentities ids, IReadOnlySet<string> withheld, long writeMs)
    {
        var newer = writeMs >= profile.LastSeenMs;
        var userChanged = false;
        foreach (var (key, value) in ids.User)
        {
            if (!withheld.Contains(key))
            {
                userChanged |= Write(profile.UserIdentities, key, value, newer);
            }
        }

        foreach (var (field, value) in ids.Device)
        {
            Write(profile.DeviceIdentities, field, value, newer);
        }

        return userChanged;
    }

    private static bool Write(Dictionary<string, string> held, string key, string value, bool newer)
    {
        var exists = held.TryGetValue(key, out var current);
        if ((newer || !exists) && !(exists && string.Equals(current, value, StringComparison.Ordinal)))
        {
            held[key] = value;
            return true;
        }

        return false;
    }
}
