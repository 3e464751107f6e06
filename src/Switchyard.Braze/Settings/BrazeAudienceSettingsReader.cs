namespace Switchyard.Braze.Settings;

/// <summary>
/// Validates a <see cref="BrazeAudienceSettingsDocument"/> into <see cref="BrazeAudienceSettings"/> with the checks
/// the event output uses (<see cref="BrazeSettingsFields"/>). Bad input never throws; value problems are all collected.
/// </summary>
internal static class BrazeAudienceSettingsReader
{
    public static BrazeAudienceSettingsParseResult Parse(string? json)
    {
        var document = BrazeSettingsFields.Deserialize(json, BrazeAudienceSettingsJsonContext.Default.BrazeAudienceSettingsDocument, "docs/audience-sync.md", out var error);
        return document is null ? new BrazeAudienceSettingsParseResult(null, [error!]) : Validate(document);
    }

    private static BrazeAudienceSettingsParseResult Validate(BrazeAudienceSettingsDocument d)
    {
        var errors = new List<BrazeSettingsError>();
        var appKey = BrazeSettingsFields.AppKey(d.ApiKey, "apiKey", errors);
        var os = BrazeSettingsFields.OperatingSystem(d.ApiKeyOperatingSystem, "apiKeyOperatingSystem", errors);
        if (os is not null && d.ApiKey is null)
        {
            // The platform only selects push tokens, and a token without its app_id cannot be sent.
            errors.Add(new BrazeSettingsError("apiKeyOperatingSystem", "needs apiKey (the app_id of the push tokens)."));
        }

        // Quoted by default: the form mParticle's Braze audience page shows ('11036','11034'), so Braze segments written
        // for mParticle keep matching after a migration (docs/audience-sync.md).
        var format = SegmentMembershipFormat.Quoted;
        switch (d.SegmentMembershipFormat)
        {
            case null or "quoted":
                break;
            case "unquoted":
                format = SegmentMembershipFormat.Unquoted;
                break;
            default:
                errors.Add(new BrazeSettingsError("segmentMembershipFormat", $"'{d.SegmentMembershipFormat}' is not one of unquoted, quoted."));
                break;
        }

        var forms = SendSegmentsAs.String;
        if (d.SendSegmentsAs is { } formsName && !SendSegmentsAsNames.TryParse(formsName, out forms))
        {
            errors.Add(new BrazeSettingsError("sendSegmentsAs", $"'{formsName}' is not one of {SendSegmentsAsNames.AllNames}."));
        }

        var key = BrazeSettingsFields.RestApiKey(d.RestApiKey, "restApiKey", errors);
        var external = BrazeSettingsFields.Identity(d.ExternalIdentityType, "externalIdentityType", BrazeIdentityType.CustomerId, errors);
        var email = BrazeSettingsFields.EmailIdentity(d.EmailIdentityType, "emailIdentityType", errors);
        var (instance, endpoint) = BrazeSettingsFields.Endpoint(d.Instance, d.CustomRestEndpoint, "instance", "customRestEndpoint", errors);
        var rateLimit = BrazeSettingsFields.RateLimit(d.RateLimit, "rateLimit", errors);
        var batchRule = BrazeSettingsFields.BatchRule(d.BatchRule, "batchRule", errors);
        var ledgerMaxAge = BrazeSettingsFields.LedgerMaxAge(d.LedgerMaxAge, "ledgerMaxAge", errors);
        var exportsPerMinute = BrazeSettingsFields.ReconcileExportsPerMinute(d.ReconcileExportsPerMinute, "reconcileExportsPerMinute", errors);
        var samplePerHour = BrazeSettingsFields.ReconcileSamplePerHour(d.ReconcileSamplePerHour, exportsPerMinute, "reconcileSamplePerHour", errors);
        if (errors.Count > 0 || key is null || endpoint is null)
        {
            return new BrazeAudienceSettingsParseResult(null, errors);
        }

        var settings = new BrazeAudienceSettings
        {
            ApiKey = appKey,
            ApiKeyOperatingSystem = os,
            SendSegmentsAs = forms,
            SegmentMembershipFormat = format,
            RestApiKey = key,
            ExternalIdentityType = external,
            EmailIdentityType = email,
            Instance = instance,
            RestEndpoint = endpoint,
            RateLimit = rateLimit,
            BatchRule = batchRule,
            LedgerMaxAge = ledgerMaxAge,
            ReconcileExportsPerMinute = exportsPerMinute,
            ReconcileSamplePerHour = samplePerHour,
        };
        return new BrazeAudienceSettingsParseResult(settings, errors);
    }
}
