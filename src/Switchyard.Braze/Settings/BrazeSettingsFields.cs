using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Settings;

/// <summary>
/// The reading and validation both Braze outputs share (events: <see cref="BrazeSettingsReader"/>, audiences:
/// <see cref="BrazeAudienceSettingsReader"/>). Each check takes the field name as the document spells it, so an error
/// names the field the user wrote (camelCase for the event output, snake_case for the audience output).
/// </summary>
internal static class BrazeSettingsFields
{
    public const int MaxRateLimit = 1_000_000;

    /// <summary>Reads the document; JSON problems (syntax, unknown field, wrong type, repeated field) give one error.</summary>
    public static T? Deserialize<T>(string? json, JsonTypeInfo<T> typeInfo, string docsFile, out BrazeSettingsError? error)
        where T : class
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = new BrazeSettingsError("", "the settings document is empty.");
            return null;
        }

        T? document;
        try
        {
            document = JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException e)
        {
            error = new BrazeSettingsError(PathOf(e), Describe(e, docsFile));
            return null;
        }

        if (document is null)
        {
            error = new BrazeSettingsError("", "the settings must be a JSON object.");
        }

        return document;
    }

    /// <summary>The REST key: required, and without white space or quotes.</summary>
    public static string? RestApiKey(string? key, string field, List<BrazeSettingsError> errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(new BrazeSettingsError(field, "is required (the App Group REST API key)."));
            return null;
        }

        if (Core.Workspace.PlaceholderSecrets.IsPlaceholder(key))
        {
            errors.Add(new BrazeSettingsError(field, Core.Workspace.PlaceholderSecrets.Advice));
            return null;
        }

        if (key.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\''))
        {
            // A quoted key is a documented cause of 401 (reference/braze.md §1.7); white space cannot be a Bearer token.
            errors.Add(new BrazeSettingsError(field, "must not contain white space or quotes."));
            return null;
        }

        return key;
    }

    /// <summary>The app identifier key (push tokens' <c>app_id</c>): optional, but not blank.</summary>
    public static string? AppKey(string? value, string field, List<BrazeSettingsError> errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new BrazeSettingsError(field, "must not be blank; leave it out instead."));
            return null;
        }

        return value;
    }

    public static DevicePlatform? OperatingSystem(string? name, string field, List<BrazeSettingsError> errors)
    {
        if (name is null)
        {
            return null;
        }

        if (PushPlatforms.TryParse(name, out var platform))
        {
            return platform;
        }

        errors.Add(new BrazeSettingsError(field, $"'{name}' is not one of {PushPlatforms.AllNames}."));
        return null;
    }

    public static BrazeIdentityType Identity(string? name, string field, BrazeIdentityType fallback, List<BrazeSettingsError> errors)
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

    /// <summary>The identity sent as <c>email</c>; the MPID is a number, never an address.</summary>
    public static BrazeIdentityType EmailIdentity(string? name, string field, List<BrazeSettingsError> errors)
    {
        var email = Identity(name, field, BrazeIdentityType.Email, errors);
        if (email == BrazeIdentityType.Mpid)
        {
            errors.Add(new BrazeSettingsError(field, "MPID is not an email address."));
        }

        return email;
    }

    /// <summary>The cluster (default US-03, reference/mparticle.md §2.1) and its REST base; a custom endpoint only with <c>Custom</c>.</summary>
    public static (BrazeInstance Instance, Uri? Endpoint) Endpoint(
        string? instanceName, string? customEndpoint, string instanceField, string customField, List<BrazeSettingsError> errors)
    {
        var instance = BrazeInstance.Us03;
        if (instanceName is not null && !BrazeInstances.TryParse(instanceName, out instance))
        {
            errors.Add(new BrazeSettingsError(instanceField, string.Equals(instanceName, "Sandbox", StringComparison.OrdinalIgnoreCase)
                ? "'Sandbox' is the Braze sandbox that `switchyard serve --config FILE` runs for a workspace file's outputs; here, name the sandbox with Custom and its address in customRestEndpoint."
                : $"'{instanceName}' is not one of {BrazeInstances.AllNames}."));
        }

        if (instance == BrazeInstance.Custom)
        {
            return (instance, CustomEndpoint(customEndpoint, customField, errors));
        }

        if (customEndpoint is not null)
        {
            errors.Add(new BrazeSettingsError(customField, "is only used with instance 'Custom'."));
        }

        return (instance, BrazeInstances.RestBase(instance));
    }

    public static int RateLimit(int? value, string field, List<BrazeSettingsError> errors)
    {
        var rateLimit = value ?? BrazeOutputSettings.DefaultRateLimit;
        if (rateLimit is < 1 or > MaxRateLimit)
        {
            errors.Add(new BrazeSettingsError(field, $"must be between 1 and {MaxRateLimit} requests per 3 seconds."));
        }

        return rateLimit;
    }

    /// <summary>Default of <c>ledgerMaxAge</c>: an attribute Braze acknowledged is trusted for 30 days, then sent again.</summary>
    public static readonly TimeSpan DefaultLedgerMaxAge = TimeSpan.FromDays(30);

    /// <summary>
    /// <c>ledgerMaxAge</c>: an ISO 8601 duration (<c>P30D</c>, <c>PT12H</c>, <c>PT0S</c>), zero or more. Parsed with
    /// <see cref="System.Xml.XmlConvert.ToTimeSpan"/>, which reads the ISO 8601 duration form culture-invariantly.
    /// </summary>
    public static TimeSpan LedgerMaxAge(string? value, string field, List<BrazeSettingsError> errors)
    {
        if (value is null)
        {
            return DefaultLedgerMaxAge;
        }

        TimeSpan age;
        try
        {
            age = System.Xml.XmlConvert.ToTimeSpan(value);
        }
        catch (FormatException)
        {
            errors.Add(new BrazeSettingsError(field, $"'{value}' is not an ISO 8601 duration such as P30D, PT12H or PT0S."));
            return DefaultLedgerMaxAge;
        }
        catch (OverflowException)
        {
            errors.Add(new BrazeSettingsError(field, $"'{value}' is too long a duration."));
            return DefaultLedgerMaxAge;
        }

        if (age < TimeSpan.Zero)
        {
            errors.Add(new BrazeSettingsError(field, $"'{value}' is negative; use PT0S to send every attribute with every update."));
            return DefaultLedgerMaxAge;
        }

        return age;
    }

    /// <summary>Default of <c>reconcileExportsPerMinute</c>: most of Braze's 250 export requests a minute, the rest left to other tools.</summary>
    public const int DefaultReconcileExportsPerMinute = 200;

    public const int MaxReconcileExportsPerMinute = 10_000;

    public static int ReconcileExportsPerMinute(int? value, string field, List<BrazeSettingsError> errors)
    {
        var perMinute = value ?? DefaultReconcileExportsPerMinute;
        if (perMinute is < 1 or > MaxReconcileExportsPerMinute)
        {
            errors.Add(new BrazeSettingsError(field, $"must be between 1 and {MaxReconcileExportsPerMinute} export requests per minute."));
        }

        return perMinute;
    }

    /// <summary><c>reconcileSamplePerHour</c>: 0 (off, the default) or users per hour, at most what the export budget reads (50 per request).</summary>
    public static int ReconcileSamplePerHour(int? value, int exportsPerMinute, string field, List<BrazeSettingsError> errors)
    {
        var perHour = value ?? 0;
        var ceiling = (long)exportsPerMinute * 60 * 50;
        if (perHour < 0 || perHour > ceiling)
        {
            errors.Add(new BrazeSettingsError(field, $"must be 0 (off) or at most {ceiling} users per hour (reconcileExportsPerMinute × 60 × 50)."));
        }

        return perHour;
    }

    public static BrazeBatchRule BatchRule(string? name, string field, List<BrazeSettingsError> errors)
    {
        if (name is null)
        {
            return BrazeBatchRule.Combined75;
        }

        if (name.Equals("PerArray75", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Combined75", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Combined50", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.Parse<BrazeBatchRule>(name, ignoreCase: true);
        }

        errors.Add(new BrazeSettingsError(field, $"'{name}' is not one of PerArray75, Combined75, Combined50."));
        return BrazeBatchRule.Combined75;
    }

    /// <summary>
    /// mParticle enters custom hosts bare (reference/mparticle.md §2.1), so a bare host means https. Only https is
    /// accepted, except plain http to a loopback address (the local sandbox): the REST key must not cross a network
    /// in clear text.
    /// </summary>
    private static Uri? CustomEndpoint(string? text, string field, List<BrazeSettingsError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new BrazeSettingsError(field, "is required with instance 'Custom'."));
            return null;
        }

        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            errors.Add(new BrazeSettingsError(field, $"'{text}' is not a URL or host name."));
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            errors.Add(new BrazeSettingsError(field, "must use https (plain http is allowed only to a loopback address)."));
            return null;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(new BrazeSettingsError(field, "must not contain user info, a query or a fragment."));
            return null;
        }

        // A base with a path (a proxy) must end with '/' so relative paths such as "users/track" resolve beneath it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    private static string PathOf(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');

    private static string Describe(JsonException e, string docsFile)
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
            return $"has the wrong type (see {docsFile} for the field's type).";
        }

        return "is not valid JSON: " + message.Split(" Path:")[0].Split(" LineNumber:")[0];
    }
}
