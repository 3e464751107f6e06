using System.Text.Json;

namespace Switchyard.Braze.Settings;

/// <summary>
/// Validates a <see cref="BrazeSettingsDocument"/> into <see cref="BrazeOutputSettings"/>. Bad input never throws:
/// JSON problems (syntax, unknown field, wrong type) give one error; value problems are all collected.
/// </summary>
internal static class BrazeSettingsReader
{
    private const int MaxRateLimit = 1_000_000;

    public static BrazeSettingsParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Failed("", "the settings document is empty.");
        }

        BrazeSettingsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, BrazeSettingsJsonContext.Default.BrazeSettingsDocument);
        }
        catch (JsonException e)
        {
            return Failed(PathOf(e), Describe(e));
        }

        return document is null ? Failed("", "the settings must be a JSON object.") : Validate(document);
    }

    private static BrazeSettingsParseResult Validate(BrazeSettingsDocument d)
    {
        var errors = new List<BrazeSettingsError>();
        void Error(string field, string message) => errors.Add(new BrazeSettingsError(field, message));

        var key = d.RestApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            Error("restApiKey", "is required (the App Group REST API key).");
        }
        else if (key.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\''))
        {
            // A quoted key is a documented cause of 401 (reference/braze.md §1.7); white space cannot be a Bearer token.
            Error("restApiKey", "must not contain white space or quotes.");
        }

        if (d.AppIdentifierApiKey is { } appKey && string.IsNullOrWhiteSpace(appKey))
        {
            Error("appIdentifierApiKey", "must not be blank; leave it out instead.");
        }

        Core.Ingest.Model.DevicePlatform? os = null;
        if (d.ApiKeyOperatingSystem is { } osName)
        {
            if (PushPlatforms.TryParse(osName, out var platform))
            {
                os = platform;
            }
            else
            {
                Error("apiKeyOperatingSystem", $"'{osName}' is not one of {PushPlatforms.AllNames}.");
            }
        }

        var external = Identity(d.ExternalIdentityType, "externalIdentityType", BrazeIdentityType.CustomerId, errors);
        var email = Identity(d.EmailIdentityType, "emailIdentityType", BrazeIdentityType.Email, errors);
        if (email == BrazeIdentityType.Mpid)
        {
            Error("emailIdentityType", "MPID is not an email address.");
        }

        var instance = BrazeInstance.Us03;
        if (d.Instance is { } instanceName && !BrazeInstances.TryParse(instanceName, out instance))
        {
            Error("instance", $"'{instanceName}' is not one of {BrazeInstances.AllNames}.");
        }

        Uri? endpoint = BrazeInstances.RestBase(instance);
        if (instance == BrazeInstance.Custom)
        {
            endpoint = CustomEndpoint(d.CustomRestEndpoint, errors);
        }
        else if (d.CustomRestEndpoint is not null)
        {
            Error("customRestEndpoint", "is only used with instance 'Custom'.");
        }

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

        var batchRule = BrazeBatchRule.Combined75;
        if (d.BatchRule is { } ruleName)
        {
            if (IsRuleName(ruleName))
            {
                batchRule = Enum.Parse<BrazeBatchRule>(ruleName, ignoreCase: true);
            }
            else
            {
                Error("batchRule", $"'{ruleName}' is not one of PerArray75, Combined75, Combined50.");
            }
        }

        var rateLimit = d.RateLimit ?? BrazeOutputSettings.DefaultRateLimit;
        if (rateLimit is < 1 or > MaxRateLimit)
        {
            Error("rateLimit", $"must be between 1 and {MaxRateLimit} requests per 3 seconds.");
        }

        if (errors.Count > 0 || key is null || endpoint is null)
        {
            return new BrazeSettingsParseResult(null, errors);
        }

        var settings = new BrazeOutputSettings
        {
            RestApiKey = key,
            AppIdentifierApiKey = d.AppIdentifierApiKey,
            ApiKeyOperatingSystem = os,
            ExternalIdentityType = external,
            EmailIdentityType = email,
            Instance = instance,
            RestEndpoint = endpoint,
            ForwardScreenViews = d.ForwardScreenViews ?? false,
            ForwardSessionEvents = d.ForwardSessionEvents ?? false,
            SetEventNameForPageView = d.SetEventNameForPageView ?? false,
            CustomAttributeTypeDetection = detection,
            BundleCommerceEventData = d.BundleCommerceEventData ?? false,
            IncludeEnrichedUserAttributes = d.IncludeEnrichedUserAttributes ?? true,
            SendUserAttributeListsAsArrays = d.SendUserAttributeListsAsArrays ?? false,
            UserTagsValue = tags,
            EventStreamForwarding = d.EventStreamForwarding ?? false,
            BatchRule = batchRule,
            RateLimit = rateLimit,
        };
        return new BrazeSettingsParseResult(settings, errors);

        T Invalid<T>(T fallback, string field, string message)
        {
            Error(field, message);
            return fallback;
        }
    }

    private static bool IsRuleName(string name) =>
        name.Equals("PerArray75", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Combined75", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Combined50", StringComparison.OrdinalIgnoreCase);

    private static BrazeIdentityType Identity(string? name, string field, BrazeIdentityType fallback, List<BrazeSettingsError> errors)
    {
        if (name is null)
        {
            return fallback;
        }

        if (BrazeIdentityTypes.TryParse(name, out var type))
        {
            return type;
        }

        errors.Add(new BrazeSettingsError(field, $"'{name}' is not one of {BrazeIdentityTypes.AllNames}."));
        return fallback;
    }

    /// <summary>
    /// mParticle enters custom hosts bare (reference/mparticle.md §2.1), so a bare host means https. Only https is
    /// accepted, except plain http to a loopback address (the local sandbox): the REST key must not cross a network
    /// in clear text.
    /// </summary>
    private static Uri? CustomEndpoint(string? text, List<BrazeSettingsError> errors)
    {
        const string Field = "customRestEndpoint";
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new BrazeSettingsError(Field, "is required with instance 'Custom'."));
            return null;
        }

        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            errors.Add(new BrazeSettingsError(Field, $"'{text}' is not a URL or host name."));
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            errors.Add(new BrazeSettingsError(Field, "must use https (plain http is allowed only to a loopback address)."));
            return null;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(new BrazeSettingsError(Field, "must not contain user info, a query or a fragment."));
            return null;
        }

        // A base with a path (a proxy) must end with '/' so relative paths such as "users/track" resolve beneath it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    private static BrazeSettingsParseResult Failed(string field, string message) =>
        new(null, [new BrazeSettingsError(field, message)]);

    private static string PathOf(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "unknown field.";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return "appears more than once.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "has the wrong type (see docs/braze-mapping.md for the field's type).";
        }

        return "is not valid JSON: " + message.Split(" Path:")[0].Split(" LineNumber:")[0];
    }
}
