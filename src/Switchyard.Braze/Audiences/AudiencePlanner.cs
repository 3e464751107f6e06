using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Audiences;

/// <summary>
/// Decides, for one user, which membership attributes to send to a Braze audience output (docs/audience-sync.md):
/// the desired state from the profile's audiences and the output's links, compared with the last-sent ledger so that
/// only changes are sent. Pure: no store, clock or network.
/// </summary>
internal static partial class AudiencePlanner
{
    public const string StringAttribute = "SegmentMembership";
    public const string ArrayAttribute = "SegmentMembershipArray";
    public const string PerSegmentPrefix = "In ";

    /// <summary>Braze's string attribute limit (reference/braze.md §1.3).</summary>
    public const int MaxStringLength = 255;

    /// <param name="cleanup">Audiences whose attributes this pass removes (the user's clean-up items).</param>
    /// <param name="expired">
    /// Ledger fields older than the output's <c>ledgerMaxAge</c>: they still say what was sent (for removals), but a
    /// value that is still wanted is sent again rather than trusted.
    /// </param>
    public static AudiencePlan Plan(
        BrazeAudienceSettings settings,
        Profile profile,
        IReadOnlyList<AudienceLink> links,
        IReadOnlyDictionary<string, string> lastSent,
        IReadOnlySet<int> cleanup,
        IReadOnlySet<string>? expired = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(lastSent);
        ArgumentNullException.ThrowIfNull(cleanup);

        // Braze only updates users with an external_id (reference/mparticle.md §3), so without one there is nothing to do.
        if (BrazeUserMapper.ProfileIdentity(settings.ExternalIdentityType, profile) is not { } externalId)
        {
            return AudiencePlan.Skip(AudienceSkipReason.NoExternalId);
        }

        var active = new Dictionary<int, AudienceLink>();
        foreach (var link in links)
        {
            if (link.Active)
            {
                active[link.AudienceId] = link;
            }
        }

        // A clean-up item of a connection that is active again (activated after the clean-up was queued) is out of
        // date: the sync job that activating started keeps the members' attributes, so it must not take them out.
        if (cleanup.Any(active.ContainsKey))
        {
            cleanup = cleanup.Where(id => !active.ContainsKey(id)).ToHashSet();
        }

        // The ledger says what the Braze user it was sent to has. When the profile's external_id changed since, that is
        // another Braze user, who has none of it: plan as for a user never sent anything, and forget the old fields.
        var sentTo = lastSent.GetValueOrDefault(AudienceLedger.ExternalId);
        var stale = sentTo is not null && sentTo != externalId ? lastSent : null;
        expired ??= new HashSet<string>();
        if (stale is not null)
        {
            lastSent = new Dictionary<string, string>();
            expired = new HashSet<string>();
        }

        var plan = new Builder();
        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.String))
        {
            PlanString(plan, profile, active, lastSent, cleanup, settings.SegmentMembershipFormat, expired);
        }

        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.Array))
        {
            PlanArray(plan, profile, active, lastSent, cleanup, expired);
        }

        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.PerSegment))
        {
            PlanPerSegment(plan, profile, active, lastSent, cleanup, expired);
        }

        // Email and push tokens ride along with a membership change; on their own they would cost data points (email)
        // or requests for users whose membership did not change.
        var tokens = new List<BrazePushToken>();
        if (plan.Attributes.Count > 0)
        {
            RideAlong(plan, tokens, settings, profile, lastSent);
        }

        if (plan.Attributes.Count > 0 || tokens.Count > 0)
        {
            RecordExternalId(plan, externalId, sentTo, lastSent, stale);
        }

        return new AudiencePlan(externalId, null, [.. plan.Attributes.Values], tokens, plan.Fields, plan.TruncatedIds);
    }

    /// <summary>
    /// Keeps the <c>external_id</c> the ledger's fields were sent to beside them (and only while there are any), and
    /// removes the fields of a previous external id.
    /// </summary>
    private static void RecordExternalId(
        Builder plan, string externalId, string? sentTo, IReadOnlyDictionary<string, string> lastSent, IReadOnlyDictionary<string, string>? stale)
    {
        foreach (var field in stale?.Keys ?? [])
        {
            plan.Fields.TryAdd(field, null);
        }

        var remaining = lastSent.Keys.Where(f => f != AudienceLedger.ExternalId && !plan.Fields.ContainsKey(f))
            .Concat(plan.Fields.Where(f => f.Key != AudienceLedger.ExternalId && f.Value is not null).Select(f => f.Key));
        if (remaining.Any())
        {
            if (sentTo != externalId)
            {
                plan.Fields[AudienceLedger.ExternalId] = externalId;
            }
        }
        else if (sentTo is not null)
        {
            plan.Fields[AudienceLedger.ExternalId] = null;
        }
    }

    private static void RideAlong(Builder plan, List<BrazePushToken> tokens, BrazeAudienceSettings settings, Profile profile, IReadOnlyDictionary<string, string> lastSent)
    {
        // An address Braze would refuse would make it refuse the whole attributes object, membership included, every
        // time: it is left out, as the event output leaves it out (ContactChecks).
        if (BrazeUserMapper.ProfileIdentity(settings.EmailIdentityType, profile) is { } email
            && ContactChecks.IsPlausibleEmail(email)
            && (!lastSent.TryGetValue(AudienceLedger.Email, out var sentEmail) || sentEmail != email))
        {
            plan.Set("email", BrazeValue.Of(email));
            plan.Fields[AudienceLedger.Email] = email;
        }

        // Unselected operating system: no push tokens. Tokens are free in Braze (reference/braze.md §4) but each one
        // already sent is left out, as the ledger knows it.
        if (settings.ApiKeyOperatingSystem is { } os && settings.ApiKey is { } appId)
        {
            var slot = PushPlatforms.NameOf(os);
            var field = AudienceLedger.PushTokenPrefix + slot;
            if (profile.PushTokens.TryGetValue(slot, out var token) && token.Token.Length > 0
                && (!lastSent.TryGetValue(field, out var sentToken) || sentToken != token.Token))
            {
                tokens.Add(new BrazePushToken(appId, token.Token));
                plan.Fields[field] = token.Token;
            }
        }
    }

    /// <summary>The attributes object under construction: one value per attribute name (a later one wins).</summary>
    private sealed class Builder
    {
        public Dictionary<string, BrazeProperty> Attributes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Fields { get; } = new(StringComparer.Ordinal);

        public int TruncatedIds { get; set; }

        public void Set(string name, BrazeValue value) => Attributes[name] = new BrazeProperty(name, value);
    }
}
