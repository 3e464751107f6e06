using Switchyard.Braze.Settings;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>Which Braze user a profile is, for an erasure forwarded as <c>/users/delete</c>.</summary>
public static partial class BrazeUserMapper
{
    /// <summary>The <c>external_id</c> this output sends for the profile, or null when it sends none.</summary>
    public static string? ExternalIdOf(BrazeOutputSettings settings, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(profile);
        return ProfileIdentity(settings.ExternalIdentityType, profile);
    }

    /// <summary>The identity key (<see cref="IdentityKeys"/>) the output's <c>external_id</c> comes from; null for MPID.</summary>
    public static string? ExternalIdKey(BrazeOutputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ExternalIdentityType == BrazeIdentityType.Mpid ? null : BrazeIdentityTypes.WireName(settings.ExternalIdentityType);
    }
}
