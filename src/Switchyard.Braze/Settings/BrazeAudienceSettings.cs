using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Settings;

/// <summary>
/// The validated, frozen settings of one Braze audience output (workspace output type <c>braze_audience</c>,
/// reference/mparticle.md §3; docs/audience-sync.md). Build it with <see cref="Parse"/>. <see cref="ToString"/> never
/// shows the REST key.
/// </summary>
public sealed record BrazeAudienceSettings
{
    internal BrazeAudienceSettings()
    {
    }

    /// <summary>The Braze app identifier: the <c>app_id</c> of the push tokens sent with membership updates.</summary>
    public string? ApiKey { get; internal init; }

    /// <summary>The platform whose push tokens are sent; null (unselected, the default) sends none.</summary>
    public DevicePlatform? ApiKeyOperatingSystem { get; internal init; }

    /// <summary>Which attribute forms carry the membership; <see cref="Settings.SendSegmentsAs.String"/> by default.</summary>
    public SendSegmentsAs SendSegmentsAs { get; internal init; } = SendSegmentsAs.String;

    /// <summary>How the ids in <c>SegmentMembership</c> are written; <see cref="Settings.SegmentMembershipFormat.Quoted"/> (mParticle's form) by default.</summary>
    public SegmentMembershipFormat SegmentMembershipFormat { get; internal init; } = SegmentMembershipFormat.Quoted;

    /// <summary>The App Group REST API key (a secret: sent as the Bearer token, never shown).</summary>
    public string RestApiKey { get; internal init; } = "";

    public BrazeIdentityType ExternalIdentityType { get; internal init; } = BrazeIdentityType.CustomerId;

    public BrazeIdentityType EmailIdentityType { get; internal init; } = BrazeIdentityType.Email;

    /// <summary>The cluster; US-03 by default, as for the event output.</summary>
    public BrazeInstance Instance { get; internal init; } = BrazeInstance.Us03;

    public Uri RestEndpoint { get; internal init; } = BrazeInstances.RestBase(BrazeInstance.Us03)!;

    /// <summary>Requests per 3 seconds; outputs sharing the REST key share one budget (the lowest limit applies).</summary>
    public int RateLimit { get; internal init; } = BrazeOutputSettings.DefaultRateLimit;

    public BrazeBatchRule BatchRule { get; internal init; } = BrazeBatchRule.Combined75;

    /// <summary>
    /// How long an attribute value Braze acknowledged counts in the last-sent ledger (setting <c>ledgerMaxAge</c>, 30
    /// days by default): after that the user's next update sends it again, healing changes made in Braze by others.
    /// Zero sends every attribute with every update.
    /// </summary>
    public TimeSpan LedgerMaxAge { get; internal init; } = BrazeSettingsFields.DefaultLedgerMaxAge;

    /// <summary>Export requests a minute a reconcile may send with this output's key (<c>reconcileExportsPerMinute</c>, 200 by default).</summary>
    public int ReconcileExportsPerMinute { get; internal init; } = BrazeSettingsFields.DefaultReconcileExportsPerMinute;

    /// <summary>Users per hour the sampling schedule reconciles unasked (<c>reconcileSamplePerHour</c>); 0, the default, is off.</summary>
    public int ReconcileSamplePerHour { get; internal init; }

    /// <summary>The key, endpoint, rate limit and batch rule, as the client and the rate gates take them.</summary>
    public BrazeConnection Connection => new(RestApiKey, RestEndpoint, RateLimit, BatchRule);

    /// <summary>Reads and validates a settings document; every problem comes back as an error naming its camelCase field.</summary>
    public static BrazeAudienceSettingsParseResult Parse(string? json) => BrazeAudienceSettingsReader.Parse(json);

    /// <summary>The settings as a camelCase JSON document, with the REST key replaced by <c>"[redacted]"</c>: safe to log or show.</summary>
    public string Redacted() => RedactedSettingsWriter.Write(this);

    public override string ToString() => "BrazeAudienceSettings " + Redacted();
}
