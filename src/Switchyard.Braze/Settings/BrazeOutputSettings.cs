using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Settings;

/// <summary>
/// The validated, frozen settings of one Braze output (reference/mparticle.md §2.1–2.2, reference/braze.md §1.8, §3).
/// Build it with <see cref="Parse"/>; properties can only be set inside this assembly so an invalid value cannot be
/// slipped in with <c>with</c>. <see cref="ToString"/> never shows the REST key.
/// </summary>
public sealed record BrazeOutputSettings
{
    /// <summary>Default requests per 3 s: Braze's <c>/users/track</c> limit since 2024-10-25 (reference/braze.md §1.8).</summary>
    public const int DefaultRateLimit = 3000;

    internal BrazeOutputSettings()
    {
    }

    /// <summary>The App Group REST API key (a secret: sent as the Bearer token, never shown).</summary>
    public string RestApiKey { get; internal init; } = "";

    /// <summary>The Braze app identifier: the <c>app_id</c> of push tokens. Without it push tokens are not sent.</summary>
    public string? AppIdentifierApiKey { get; internal init; }

    /// <summary>When set, only push tokens from batches of this platform are sent (the key belongs to one app).</summary>
    public DevicePlatform? ApiKeyOperatingSystem { get; internal init; }

    public BrazeIdentityType ExternalIdentityType { get; internal init; } = BrazeIdentityType.CustomerId;

    public BrazeIdentityType EmailIdentityType { get; internal init; } = BrazeIdentityType.Email;

    /// <summary>The cluster; mParticle's default is US-03 (reference/mparticle.md §2.1).</summary>
    public BrazeInstance Instance { get; internal init; } = BrazeInstance.Us03;

    /// <summary>The REST base URL: the cluster's (<c>https://rest.&lt;host&gt;</c>), or the validated custom endpoint.</summary>
    public Uri RestEndpoint { get; internal init; } = BrazeInstances.RestBase(BrazeInstance.Us03)!;

    /// <summary>Screen views become custom events (off by default).</summary>
    public bool ForwardScreenViews { get; internal init; }

    /// <summary>Session start/end become <c>Session Start</c>/<c>Session End</c>, and <c>session_id</c> is added to session, screen and custom events.</summary>
    public bool ForwardSessionEvents { get; internal init; }

    /// <summary>On: a screen view's event name is the screen name as-is. Off: <c>Viewed &lt;screen name&gt;</c> (format UNVERIFIED, docs/braze-mapping.md).</summary>
    public bool SetEventNameForPageView { get; internal init; }

    /// <summary>What goes before the screen name while <see cref="SetEventNameForPageView"/> is off: <c>"Viewed "</c> by default.</summary>
    public string ScreenViewEventPrefix { get; internal init; } = DefaultScreenViewEventPrefix;

    /// <summary>The default <see cref="ScreenViewEventPrefix"/>: mParticle adds "Viewed" to S2S screen names (format UNVERIFIED, docs/braze-mapping.md).</summary>
    public const string DefaultScreenViewEventPrefix = "Viewed ";

    /// <summary>How commerce amounts are written as properties; strings by default, as mParticle's mapping table lists them.</summary>
    public CommerceAmounts CommerceAmountsAs { get; internal init; } = CommerceAmounts.String;

    public CustomAttributeTypeDetection CustomAttributeTypeDetection { get; internal init; } = CustomAttributeTypeDetection.None;

    /// <summary>One Braze event or purchase per commerce event with nested products, instead of one per product.</summary>
    public bool BundleCommerceEventData { get; internal init; }

    /// <summary>Send the profile's current attributes with every update, not only the batch's (costs data points).</summary>
    public bool IncludeEnrichedUserAttributes { get; internal init; } = true;

    /// <summary>Take <c>email</c>, <c>facebook</c> and <c>twitter</c> from the profile when the batch lacks them (mParticle's separate setting, on by default).</summary>
    public bool IncludeEnrichedUserIdentities { get; internal init; } = true;

    /// <summary>User attribute lists as Braze arrays; otherwise comma-joined strings.</summary>
    public bool SendUserAttributeListsAsArrays { get; internal init; }

    /// <summary>What a user tag (an attribute with a null value) is sent as: <c>"true"</c>, or null (which unsets it).</summary>
    public string? UserTagsValue { get; internal init; } = "true";

    /// <summary>Real-time per-event forwarding instead of bulk; read by the delivery engine.</summary>
    public bool EventStreamForwarding { get; internal init; }

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

    /// <summary>Requests per 3 seconds the delivery engine may send.</summary>
    public int RateLimit { get; internal init; } = DefaultRateLimit;

    /// <summary>The key, endpoint, rate limit and batch rule, as the client and the rate gates take them.</summary>
    public BrazeConnection Connection => new(RestApiKey, RestEndpoint, RateLimit, BatchRule);

    /// <summary>Reads and validates a settings document; every problem comes back as an error naming its field.</summary>
    public static BrazeSettingsParseResult Parse(string? json) => BrazeSettingsReader.Parse(json);

    /// <summary>The settings as a camelCase JSON document, with the REST key replaced by <c>"[redacted]"</c>: safe to log or show.</summary>
    public string Redacted() => RedactedSettingsWriter.Write(this);

    public override string ToString() => "BrazeOutputSettings " + Redacted();
}
