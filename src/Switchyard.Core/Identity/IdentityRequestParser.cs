using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Identity;

/// <summary>
/// Reads the JSON bodies of the Identity API (https://docs.mparticle.com/developers/apis/idsync/http-api/): every error
/// names the field. Fields the SDKs send that change nothing here (<c>client_sdk</c>, <c>request_id</c>,
/// <c>request_timestamp_ms</c>, <c>context</c>) are accepted and ignored.
/// </summary>
public static class IdentityRequestParser
{
    public static (IdentityRequest? Request, IdentityError? Error) Parse(IdentityOperation operation, ReadOnlyMemory<byte> body)
    {
        if (ReadObject(body) is not { } document)
        {
            return (null, IdentityError.BadRequest("body: not a JSON object (or a property name is repeated, or a string is not valid Unicode)"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (Environment(root) is not { } environment)
            {
                return (null, IdentityError.BadRequest("environment: must be \"production\" or \"development\""));
            }

            if (!Mpid(root, "previous_mpid", out var previous))
            {
                return (null, IdentityError.BadRequest("previous_mpid: must be an MPID (a whole number, as a string or a number) or null"));
            }

            if (!root.TryGetProperty("known_identities", out var known) || known.ValueKind != JsonValueKind.Object)
            {
                return (null, IdentityError.BadRequest("known_identities: is required and must be an object of identity type → value"));
            }

            var identities = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in known.EnumerateObject())
            {
                if (!IdSyncNames.IsKnown(property.Name))
                {
                    return (null, IdentityError.BadRequest($"known_identities.{property.Name}: not an identity type (one of {string.Join(", ", IdSyncNames.All)})"));
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, IdentityError.BadRequest($"known_identities.{property.Name}: must be a string"));
                }

                if (property.Value.GetString() is { Length: > 0 } value)
                {
                    identities[property.Name] = value;
                }
            }

            if (identities.Count == 0)
            {
                return (null, IdentityError.BadRequest("known_identities: is empty; name at least one identity (a browser sends its device_application_stamp)"));
            }

            return (new IdentityRequest(operation, identities, environment, previous), null);
        }
    }

    public static (IReadOnlyList<IdentityChange>? Changes, IdentityError? Error) ParseModify(ReadOnlyMemory<byte> body)
    {
        if (ReadObject(body) is not { } document)
        {
            return (null, IdentityError.BadRequest("body: not a JSON object (or a property name is repeated, or a string is not valid Unicode)"));
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("identity_changes", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return (null, IdentityError.BadRequest("identity_changes: is required and must be an array"));
            }

            var changes = new List<IdentityChange>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var at = $"identity_changes[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return (null, IdentityError.BadRequest($"{at}: must be an object"));
                }

                if (!item.TryGetProperty("identity_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { } name)
                {
                    return (null, IdentityError.BadRequest($"{at}.identity_type: is required and must be a string"));
                }

                if (!IdSyncNames.IsUserIdentity(name))
                {
                    return (null, IdentityError.BadRequest($"{at}.identity_type: '{name}' is not a user identity type that modify can change"));
                }

                if (!OptionalString(item, "old_value", out var oldValue))
                {
                    return (null, IdentityError.BadRequest($"{at}.old_value: must be a string or null"));
                }

                if (!OptionalString(item, "new_value", out var newValue))
                {
                    return (null, IdentityError.BadRequest($"{at}.new_value: must be a string or null"));
                }

                changes.Add(new IdentityChange(name, oldValue, newValue));
            }

            return (changes, null);
        }
    }

    /// <summary>
    /// The body as a JSON object, or null when it is not one: not JSON, a repeated property name (which of the two
    /// would count is unclear, so the Events API refuses it too), or any name or string that is not valid Unicode
    /// (a lone surrogate, bytes that are not UTF-8), checked everywhere, including where unknown properties are ignored.
    /// </summary>
    public static JsonDocument? ReadObject(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON; or, while names are compared for repeats, a name that does not decode.
            return null;
        }

        try
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && IsText(document.RootElement))
            {
                return document;
            }
        }
        catch (InvalidOperationException)
        {
            // A name or string that does not decode.
        }

        document.Dispose();
        return null;
    }

    private static bool IsText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    if (!IsText(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(IsText);
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            default:
                return true;
        }
    }

    private static BatchEnvironment? Environment(JsonElement root)
    {
        if (!root.TryGetProperty("environment", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            // Required by the API's schema, but a missing environment means production everywhere else in mParticle.
            return BatchEnvironment.Production;
        }

        return value.ValueKind != JsonValueKind.String ? null : value.GetString() switch
        {
            "production" => BatchEnvironment.Production,
            "development" => BatchEnvironment.Development,
            _ => null,
        };
    }

    /// <summary>An MPID as the Web SDK sends it (a string) or as the Android SDK does (a number); null or absent is fine.</summary>
    public static bool Mpid(JsonElement root, string name, out long? mpid)
    {
        mpid = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            mpid = number;
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            mpid = parsed;
            return true;
        }

        return false;
    }

    private static bool OptionalString(JsonElement item, string name, out string? value)
    {
        value = null;
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString() is { Length: > 0 } text ? text : null;
        return true;
    }
}
