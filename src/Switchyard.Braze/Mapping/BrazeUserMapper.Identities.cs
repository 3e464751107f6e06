using System.Globalization;
using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>Identities → <c>external_id</c>, <c>email</c> and the <c>facebook</c>/<c>twitter</c> profile fields (reference/mparticle.md §2.3).</summary>
public static partial class BrazeUserMapper
{
    /// <summary>
    /// The configured identity: the batch's value, else the profile's (the profile may know it from an earlier batch).
    /// MPID is the resolved profile's, which survives merges where a batch's own <c>mpid</c> may not.
    /// </summary>
    private static string? Identity(BrazeIdentityType type, Batch batch, Profile profile, bool fromProfile = true)
    {
        if (type == BrazeIdentityType.Mpid)
        {
            return profile.Mpid.ToString(CultureInfo.InvariantCulture);
        }

        var fromBatch = batch.UserIdentities is { } ids ? type switch
        {
            BrazeIdentityType.CustomerId => ids.CustomerId,
            BrazeIdentityType.Email => ids.Email,
            BrazeIdentityType.Other => ids.Other,
            BrazeIdentityType.Other2 => ids.OtherId2,
            BrazeIdentityType.Other3 => ids.OtherId3,
            BrazeIdentityType.Other4 => ids.OtherId4,
            BrazeIdentityType.Other5 => ids.OtherId5,
            BrazeIdentityType.Other6 => ids.OtherId6,
            BrazeIdentityType.Other7 => ids.OtherId7,
            BrazeIdentityType.Other8 => ids.OtherId8,
            BrazeIdentityType.Other9 => ids.OtherId9,
            BrazeIdentityType.Other10 => ids.OtherId10,
            BrazeIdentityType.Facebook => ids.Facebook,
            BrazeIdentityType.Twitter => ids.Twitter,
            BrazeIdentityType.Google => ids.Google,
            BrazeIdentityType.Microsoft => ids.Microsoft,
            BrazeIdentityType.Yahoo => ids.Yahoo,
            BrazeIdentityType.Alias => ids.Alias,
            _ => null,
        } : null;

        if (!string.IsNullOrEmpty(fromBatch))
        {
            return fromBatch;
        }

        return fromProfile ? ProfileIdentity(type, profile) : null;
    }

    /// <summary>
    /// The configured identity as the profile holds it (MPID: the profile's own); null when it has none. The audience
    /// sync, which has no batch, identifies users with this alone.
    /// </summary>
    internal static string? ProfileIdentity(BrazeIdentityType type, Profile profile)
    {
        if (type == BrazeIdentityType.Mpid)
        {
            return profile.Mpid.ToString(CultureInfo.InvariantCulture);
        }

        return BrazeIdentityTypes.WireName(type) is { } wire && profile.UserIdentities.TryGetValue(wire, out var stored) && stored.Length > 0
            ? stored
            : null;
    }

    /// <summary>
    /// The <c>facebook</c> and <c>twitter</c> identities → Braze's <c>facebook {id}</c> and <c>twitter {…}</c> objects
    /// (reference/braze.md §1.3). From the batch, or from the profile when enriched identities are on. Braze's twitter
    /// <c>id</c> is an integer, so a numeric identity is sent as <c>id</c> and anything else as <c>screen_name</c>
    /// (UNVERIFIED: which one mParticle holds).
    /// </summary>
    private static void SocialProfiles(MappingRun run, Profile profile)
    {
        var ids = run.Batch.UserIdentities;
        if (Social(run, ids?.Facebook, profile, "facebook") is { } facebook)
        {
            run.AttributeBag.Set("facebook", new BrazeObject([new BrazeProperty("id", BrazeValue.Of(facebook))]));
        }

        if (Social(run, ids?.Twitter, profile, "twitter") is { } twitter)
        {
            var field = long.TryParse(twitter, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)
                ? new BrazeProperty("id", BrazeValue.Of(numeric))
                : new BrazeProperty("screen_name", BrazeValue.Of(twitter));
            run.AttributeBag.Set("twitter", new BrazeObject([field]));
        }
    }

    private static string? Social(MappingRun run, string? fromBatch, Profile profile, string wireName) =>
        !string.IsNullOrEmpty(fromBatch) ? fromBatch
        : run.Settings.IncludeEnrichedUserIdentities && profile.UserIdentities.TryGetValue(wireName, out var stored) && stored.Length > 0 ? stored
        : null;
}
