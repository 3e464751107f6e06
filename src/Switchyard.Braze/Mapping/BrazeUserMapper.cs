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
        // The email is an attribute write (billed like one, reference/braze.md §4), so the profile's copy is re-sent
        // only with enriched attributes; the external id is the identifier and always falls back to the profile.
        if (Identity(settings.EmailIdentityType, batch, profile, fromProfile: settings.IncludeEnrichedUserIdentities) is { } email)
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

        SocialProfiles(run, profile);
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
}
