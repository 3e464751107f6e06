using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// Maps one processed batch and its resolved profile to what Braze's <c>/users/track</c> receives for that user
/// (reference/mparticle.md §2.3, the seed's "Data mapping", reference/braze.md §1). Pure: no I/O, and the clock is
/// the <c>now</c> parameter. Rules and their settings are listed in docs/braze-mapping.md.
/// </summary>
public static partial class BrazeUserMapper
{
    /// <param name="batch">The batch as processed (one user).</param>
    /// <param name="profile">The resolved profile after the batch was applied: its MPID, identities and current attributes.</param>
    /// <param name="settings">The output's settings.</param>
    /// <param name="now">The current time: <c>$Age</c> becomes a date of birth relative to it; events without a time fall back to it.</param>
    public static BrazeMappingOutcome Map(Batch batch, Profile profile, BrazeOutputSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);

        var run = new MappingRun(batch, settings, now);
        var externalId = Identity(settings.ExternalIdentityType, batch, profile);
        var pushToken = PushToken(run);
        if (externalId is null && pushToken is null)
        {
            return new BrazeSkipped(BrazeSkipReason.NoExternalIdentityOrPushToken);
        }

        MapAttributes(run, profile);
        if (Identity(settings.EmailIdentityType, batch, profile) is { } email)
        {
            if (ContactChecks.IsPlausibleEmail(email))
            {
                run.AttributeBag.Set("email", BrazeValue.Of(email));
            }
            else
            {
                run.WarnAttribute(BrazeWarningKind.InvalidValue, "email");
            }
        }

        MapEvents(run);

        if (externalId is null)
        {
            // Known only by a push token: Braze imports the token anonymously (push_token_import, reference/braze.md
            // §1.3), and an event or purchase object without an identifier would be refused.
            foreach (var e in run.Events)
            {
                run.Warn(BrazeWarningKind.NoIdentifierForEvent, "events", e.Name);
            }

            foreach (var p in run.Purchases)
            {
                run.Warn(BrazeWarningKind.NoIdentifierForEvent, "purchases", p.ProductId);
            }

            run.Events.Clear();
            run.Purchases.Clear();
        }

        var update = new BrazeUserUpdate(
            externalId,
            run.AttributeBag.ToList(),
            pushToken is null ? [] : [pushToken],
            [.. run.Events],
            [.. run.Purchases],
            [.. run.Warnings]);
        return update.ObjectCount == 0 ? new BrazeSkipped(BrazeSkipReason.NothingToSend) : update;
    }

    /// <summary>
    /// The configured identity: the batch's value, else the profile's (the profile may know it from an earlier batch).
    /// MPID is the resolved profile's, which survives merges where a batch's own <c>mpid</c> may not.
    /// </summary>
    private static string? Identity(BrazeIdentityType type, Batch batch, Profile profile)
    {
        if (type == BrazeIdentityType.Mpid)
        {
            return profile.Mpid.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

        return BrazeIdentityTypes.WireName(type) is { } wire && profile.UserIdentities.TryGetValue(wire, out var stored) && stored.Length > 0
            ? stored
            : null;
    }
}
