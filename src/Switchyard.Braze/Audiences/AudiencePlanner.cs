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
    public static AudiencePlan Plan(
        BrazeAudienceSettings settings,
        Profile profile,
        IReadOnlyList<AudienceLink> links,
        IReadOnlyDictionary<string, string> lastSent,
        IReadOnlySet<int> cleanup)
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

        var plan = new Builder();
        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.String))
        {
            PlanString(plan, profile, active, lastSent, cleanup);
        }

        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.Array))
        {
            PlanArray(plan, profile, active, lastSent, cleanup);
        }

        if (settings.SendSegmentsAs.HasFlag(SendSegmentsAs.PerSegment))
        {
            PlanPerSegment(plan, profile, active, lastSent, cleanup);
        }

        // Email and push tokens ride along with a membership change; on their own they would cost data points (email)
        // or requests for users whose membership did not change.
        var tokens = new List<BrazePushToken>();
        if (plan.Attributes.Count > 0)
        {
            RideAlong(plan, tokens, settings, profile, lastSent);
        }

        return new AudiencePlan(externalId, null, [.. plan.Attributes.Values], tokens, plan.Fields, plan.TruncatedIds);
    }

    private static void RideAlong(Builder plan, List<BrazePushToken> tokens, BrazeAudienceSettings settings, Profile profile, IReadOnlyDictionary<string, string> lastSent)
    {
        if (BrazeUserMapper.ProfileIdentity(settings.EmailIdentityType, profile) is { } email
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
