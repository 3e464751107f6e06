namespace Switchyard.Braze.Mapping;

/// <summary>
/// Everything one batch sends to Braze for one user: at most one attributes object plus events and purchases, all
/// identified by <see cref="ExternalId"/> (reference/braze.md §1.2). Without an external id the user is known only by
/// a push token: the attributes object is a <c>push_token_import</c> and there are no events or purchases.
/// Write it with <see cref="BrazeTrackJson"/>.
/// </summary>
public sealed record BrazeUserUpdate(
    string? ExternalId,
    IReadOnlyList<BrazeProperty> Attributes,
    IReadOnlyList<BrazePushToken> PushTokens,
    IReadOnlyList<BrazeEvent> Events,
    IReadOnlyList<BrazePurchase> Purchases,
    IReadOnlyList<BrazeMappingWarning> Warnings) : BrazeMappingOutcome
{
    /// <summary>Whether an attributes object is sent (profile fields, custom attributes or push tokens).</summary>
    public bool HasAttributesObject => Attributes.Count > 0 || PushTokens.Count > 0;

    /// <summary>How many <c>/users/track</c> objects this update takes, for the 75/50 object limits (reference/braze.md §1.8).</summary>
    public int ObjectCount => (HasAttributesObject ? 1 : 0) + Events.Count + Purchases.Count;
}
