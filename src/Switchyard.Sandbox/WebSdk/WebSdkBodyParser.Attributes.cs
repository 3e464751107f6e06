using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// <c>attributes[]</c>: one object per user with the standard fields the SDK's user object sets and <c>custom:{}</c>;
/// <c>null</c> unsets. Each becomes one /users/track attributes object; other keys the SDK may send
/// (<c>native_line_id</c>, …) are not stored.
/// </summary>
internal static partial class WebSdkBodyParser
{
    private static readonly HashSet<string> StandardFields = new(StringComparer.Ordinal)
    {
        ProfileFieldNames.FirstName, ProfileFieldNames.LastName, ProfileFieldNames.Email, ProfileFieldNames.Gender,
        ProfileFieldNames.Dob, ProfileFieldNames.Country, ProfileFieldNames.HomeCity, ProfileFieldNames.Language,
        ProfileFieldNames.Phone, ProfileFieldNames.EmailSubscribe, ProfileFieldNames.PushSubscribe,
    };

    /// <summary>Names /users/track reads as identifiers or flags, so a custom attribute may not use them.</summary>
    private static readonly HashSet<string> ControlNames = new(StringComparer.Ordinal)
    {
        "external_id", "user_alias", "braze_id", "_update_existing_only", "_merge_objects", "push_token_import",
    };

    private static WebSdkFieldError? ParseAttributes(WebSdkBatch batch, JsonNode? node, string path, string? envelopeUser)
    {
        if (node is not JsonObject obj)
        {
            return new(path, "must be an object");
        }

        if (UserId(obj, path + ".user_id", envelopeUser, out var userId) is { } userError)
        {
            return userError;
        }

        var target = WebSdkDevice.Identity(userId, batch.DeviceId);
        foreach (var (name, value) in obj)
        {
            if (StandardFields.Contains(name))
            {
                target[name] = StandardValue(name, value);
            }
        }

        if (obj["custom"] is { } custom && custom.GetValueKind() != JsonValueKind.Null)
        {
            if (custom is not JsonObject customObject)
            {
                return new(path + ".custom", "must be an object of custom attributes");
            }

            foreach (var (key, value) in customObject)
            {
                if (ReservedName(key) is { } reserved)
                {
                    return new($"{path}.custom.{key}", reserved);
                }

                target[key] = value?.DeepClone();
            }
        }

        batch.NoteUser(userId);
        batch.AddAttributes(target, path);
        return null;
    }

    /// <summary>
    /// The SDK's forms of two fields differ from the REST API's: gender <c>u</c> (unknown) is the REST API's null, and
    /// a date of birth may come without leading zeros (<c>1990-1-5</c>).
    /// </summary>
    private static JsonNode? StandardValue(string name, JsonNode? value)
    {
        if (value?.GetValueKind() != JsonValueKind.String)
        {
            return value?.DeepClone();
        }

        var text = value.GetValue<string>();
        if (name == ProfileFieldNames.Gender && string.Equals(text, "u", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (name == ProfileFieldNames.Dob
            && DateOnly.TryParseExact(text, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
        {
            return JsonValue.Create(dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    /// <summary>A custom attribute named like a standard field or an identifier would change that instead.</summary>
    private static string? ReservedName(string key) =>
        ProfileFieldNames.IsProfileField(key) || ControlNames.Contains(key)
            ? $"is '{key}', the name of a standard field or identifier, which a custom attribute may not take"
            : null;
}
