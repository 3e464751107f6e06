using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Audiences;

/// <summary>
/// What one user's audience sync sends: the attributes and push tokens (empty: nothing changed), the ledger fields to
/// record once Braze acknowledged them (null = remove the field), or why the user is skipped.
/// </summary>
/// <param name="TruncatedIds">Ids left out of <c>SegmentMembership</c> because the string would exceed 255 characters.</param>
internal sealed record AudiencePlan(
    string? ExternalId,
    AudienceSkipReason? Skipped,
    IReadOnlyList<BrazeProperty> Attributes,
    IReadOnlyList<BrazePushToken> PushTokens,
    IReadOnlyDictionary<string, string?> Fields,
    int TruncatedIds)
{
    public bool HasChanges => Attributes.Count > 0 || PushTokens.Count > 0;

    public static AudiencePlan Skip(AudienceSkipReason reason) => new(null, reason, [], [], new Dictionary<string, string?>(), 0);

    /// <summary>The update to pack, with the user's <c>external_id</c>.</summary>
    public BrazeUserUpdate ToUpdate() => new(ExternalId, Attributes, PushTokens, [], [], []);
}
