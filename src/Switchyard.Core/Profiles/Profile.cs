using System.Text.Json.Serialization;

namespace Switchyard.Core.Profiles;

/// <summary>
/// One resolved user: the unit that identity resolution finds or creates, the processor updates and audiences are
/// evaluated on. Stored as one document per MPID; the mutable collections are the processor's working copy
/// inside a session and must not be shared across sessions. Reading a document fills the collections the new object
/// already has (<see cref="JsonObjectCreationHandling.Populate"/>) instead of replacing each with another one.
/// </summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class Profile
{
    /// <summary>mParticle's user id: a random signed 64-bit number, never reused.</summary>
    public long Mpid { get; set; }

    /// <summary>User identities by their wire name (<see cref="IdentityKeys"/>: <c>customer_id</c>, <c>email</c>, <c>other_id_2</c>...).</summary>
    public Dictionary<string, string> UserIdentities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Device identities by their <c>device_info</c> field name (<c>ios_idfv</c>, <c>android_uuid</c>...).</summary>
    public Dictionary<string, string> DeviceIdentities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// User attributes by name. Reserved attributes (<c>$FirstName</c>...) are kept under their canonical spelling
    /// (<see cref="ReservedAttributes"/>); a deleted attribute stays as a tombstone so an older write cannot revive it.
    /// </summary>
    public Dictionary<string, StoredAttribute> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest push token per platform (or app), with when it was registered.</summary>
    public Dictionary<string, StoredPushToken> PushTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Consent by purpose: <c>gdpr:&lt;purpose&gt;</c> and <c>ccpa:data_sale_opt_out</c>.</summary>
    public Dictionary<string, StoredConsent> Consent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Device fields (<see cref="DeviceFields"/>) as of the latest batch that carried them, for device criteria. Only the
    /// latest device is kept: a user on two phones matches the one that sent the most recent batch.
    /// </summary>
    public Dictionary<string, string> Device { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The write time of the batch <see cref="Device"/> comes from (last-writer-wins).</summary>
    public long DeviceUpdatedAtMs { get; set; }

    /// <summary>
    /// When the profile's audience membership could next change with no new data (the expiry index), or null when only
    /// new data can change it. Kept beside the index so an unchanged time is not written again.
    /// </summary>
    public long? NextEvaluationMs { get; set; }

    public long FirstSeenMs { get; set; }

    public long LastSeenMs { get; set; }

    /// <summary>What audience criteria need of the user's events, within the retention window.</summary>
    public Dictionary<string, EventStats> Events { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The audiences the profile belongs to, as of its last evaluation.</summary>
    public AudienceIds Audiences { get; set; } = [];
}
