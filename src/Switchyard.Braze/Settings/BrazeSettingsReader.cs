using System.Text.Json;

namespace Switchyard.Braze.Settings;

/// <summary>
/// Validates a <see cref="BrazeSettingsDocument"/> into <see cref="BrazeOutputSettings"/>. Bad input never throws:
/// JSON problems (syntax, unknown field, wrong type) give one error; value problems are all collected.
/// </summary>
internal static class BrazeSettingsReader
{
    /// <summary>A prefix is part of every screen view's event name, which Braze caps at 255 characters.</summary>
    private const int MaxScreenViewPrefix = 64;

    public static BrazeSettingsParseResult Parse(string? json)
    {
        var document = BrazeSettingsFields.Deserialize(json, BrazeSettingsJsonContext.Default.BrazeSettingsDocument, "docs/braze-mapping.md", out var error);
        return document is null ? new BrazeSettingsParseResult(null, [error!]) : Validate(document);
    }

    private static BrazeSettingsParseResult Validate(BrazeSettingsDocument d)
    {
        var errors = new List<BrazeSettingsError>();
        void Error(string field, string message) => errors.Add(new BrazeSettingsError(field, message));

        var key = BrazeSettingsFields.RestApiKey(d.RestApiKey, "restApiKey", errors);
        var appKey = BrazeSettingsFields.AppKey(d.AppIdentifierApiKey, "appIdentifierApiKey", errors);
        var os = BrazeSettingsFields.OperatingSystem(d.ApiKeyOperatingSystem, "apiKeyOperatingSystem", errors);
        var external = BrazeSettingsFields.Identity(d.ExternalIdentityType, "externalIdentityType", BrazeIdentityType.CustomerId, errors);
        var email = BrazeSettingsFields.EmailIdentity(d.EmailIdentityType, "emailIdentityType", errors);
        var (instance, endpoint) = BrazeSettingsFields.Endpoint(d.Instance, d.CustomRestEndpoint, "instance", "customRestEndpoint", errors);

        var detection = CustomAttributeTypeDetection.None;
        if (d.CustomAttributeTypeDetection is { } detectionName)
        {
            detection = detectionName.ToLowerInvariant() switch
            {
                "none" => CustomAttributeTypeDetection.None,
                "user" => CustomAttributeTypeDetection.UserAttributes,
                "event" => CustomAttributeTypeDetection.EventAttributes,
                "both" => CustomAttributeTypeDetection.Both,
                _ => Invalid(CustomAttributeTypeDetection.None, "customAttributeTypeDetection", $"'{detectionName}' is not one of none, user, event, both."),
            };
        }

        var tags = "true";
        switch (d.UserTagsValue.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Null:
                tags = null;
                break;
            case JsonValueKind.String when d.UserTagsValue.GetString() == "true":
                break;
            default:
                Error("userTagsValue", "must be \"true\" or null.");
                break;
        }

        // mParticle's "Enable Event Stream Forwarding" sends each event to Braze as it arrives instead of in batches.
        // Switchyard's delivery engine only sends batches; accepting the flag and ignoring it would promise a latency
        // that is not delivered, so it is refused at start-up instead.
        if (d.EventStreamForwarding == true)
        {
            Error("eventStreamForwarding", "true is not supported: Switchyard sends events to Braze in batches only (per-event forwarding is not implemented); remove the field or set it to false.");
        }

        var prefix = BrazeOutputSettings.DefaultScreenViewEventPrefix;
        switch (d.ScreenViewEventPrefix.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.String when d.ScreenViewEventPrefix.GetString() is { Length: <= MaxScreenViewPrefix } text && !text.Any(char.IsControl):
                prefix = text;
                break;
            default:
                Error("screenViewEventPrefix", $"must be a string of at most {MaxScreenViewPrefix} characters without control characters (\"Viewed \" by default, \"\" for the screen name alone).");
                break;
        }

        var amounts = d.CommerceAmountsAs?.ToLowerInvariant() switch
        {
            null or "string" => CommerceAmounts.String,
            "number" => CommerceAmounts.Number,
            _ => Invalid(CommerceAmounts.String, "commerceAmountsAs", $"'{d.CommerceAmountsAs}' is not one of string, number."),
        };

        var batchRule = BrazeSettingsFields.BatchRule(d.BatchRule, "batchRule", errors);
        var rateLimit = BrazeSettingsFields.RateLimit(d.RateLimit, "rateLimit", errors);
        var ledgerMaxAge = BrazeSettingsFields.LedgerMaxAge(d.LedgerMaxAge, "ledgerMaxAge", errors);
        var exportsPerMinute = BrazeSettingsFields.ReconcileExportsPerMinute(d.ReconcileExportsPerMinute, "reconcileExportsPerMinute", errors);
        var samplePerHour = BrazeSettingsFields.ReconcileSamplePerHour(d.ReconcileSamplePerHour, exportsPerMinute, "reconcileSamplePerHour", errors);

        if (errors.Count > 0 || key is null || endpoint is null)
        {
            return new BrazeSettingsParseResult(null, errors);
        }

        var settings = new BrazeOutputSettings
        {
            RestApiKey = key,
            AppIdentifierApiKey = appKey,
            ApiKeyOperatingSystem = os,
            ExternalIdentityType = external,
            EmailIdentityType = email,
            Instance = instance,
            RestEndpoint = endpoint,
            ForwardScreenViews = d.ForwardScreenViews ?? false,
            ForwardSessionEvents = d.ForwardSessionEvents ?? false,
            SetEventNameForPageView = d.SetEventNameForPageView ?? false,
            ScreenViewEventPrefix = prefix,
            CommerceAmountsAs = amounts,
            CustomAttributeTypeDetection = detection,
            BundleCommerceEventData = d.BundleCommerceEventData ?? false,
            IncludeEnrichedUserAttributes = d.IncludeEnrichedUserAttributes ?? true,
            IncludeEnrichedUserIdentities = d.IncludeEnrichedUserIdentities ?? true,
            SendUserAttributeListsAsArrays = d.SendUserAttributeListsAsArrays ?? false,
            UserTagsValue = tags,
            EventStreamForwarding = false,
            BatchRule = batchRule,
            RateLimit = rateLimit,
            LedgerMaxAge = ledgerMaxAge,
            ReconcileExportsPerMinute = exportsPerMinute,
            ReconcileSamplePerHour = samplePerHour,
        };
        return new BrazeSettingsParseResult(settings, errors);

        T Invalid<T>(T fallback, string field, string message)
        {
            Error(field, message);
            return fallback;
        }
    }
}
