namespace Switchyard.Braze.Settings;

/// <summary>The audience output's settings as written (camelCase, every field optional here); <see cref="BrazeAudienceSettingsReader"/> validates it.</summary>
internal sealed class BrazeAudienceSettingsDocument
{
    public string? ApiKey { get; set; }

    public string? ApiKeyOperatingSystem { get; set; }

    public string? SendSegmentsAs { get; set; }

    public string? SegmentMembershipFormat { get; set; }

    public string? RestApiKey { get; set; }

    public string? ExternalIdentityType { get; set; }

    public string? EmailIdentityType { get; set; }

    public string? Instance { get; set; }

    public string? CustomRestEndpoint { get; set; }

    public int? RateLimit { get; set; }

    public string? BatchRule { get; set; }

    public string? LedgerMaxAge { get; set; }

    public int? ReconcileExportsPerMinute { get; set; }

    public int? ReconcileSamplePerHour { get; set; }
}
