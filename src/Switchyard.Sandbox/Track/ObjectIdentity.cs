using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Who an attributes, events or purchases object is about (reference/braze.md §1.2). Precedence when several are
/// given: external_id, user_alias, braze_id, email, phone (email wins over phone).
/// </summary>
internal sealed record ObjectIdentity(string? ExternalId, UserAlias? Alias, string? BrazeId, string? Email, string? Phone, bool UpdateExistingOnly)
{
    public static string? TryParse(JsonObject obj, out ObjectIdentity? identity)
    {
        identity = null;
        string? externalId = null, brazeId = null, email = null, phone = null;
        UserAlias? alias = null;
        if (obj["external_id"] is { } ext)
        {
            if (!IsNonEmptyString(ext, out externalId))
            {
                return TrackErrors.Invalid("external_id");
            }
        }

        if (obj["user_alias"] is { } aliasNode)
        {
            if (!TryParseAlias(aliasNode, out var parsed))
            {
                return TrackErrors.Invalid("user_alias");
            }

            alias = parsed;
        }

        if (obj["braze_id"] is { } brazeNode && !IsNonEmptyString(brazeNode, out brazeId))
        {
            return TrackErrors.Invalid("braze_id");
        }

        if (obj["email"] is { } emailNode && emailNode.GetValueKind() != JsonValueKind.Null)
        {
            if (!IsNonEmptyString(emailNode, out email) || !ContactFormats.IsValidEmail(email!))
            {
                return TrackErrors.InvalidEmail;
            }
        }

        if (obj["phone"] is { } phoneNode && phoneNode.GetValueKind() != JsonValueKind.Null)
        {
            if (!IsNonEmptyString(phoneNode, out var rawPhone) || !ContactFormats.TryNormalizePhone(rawPhone!, out var normalized))
            {
                return TrackErrors.Invalid("phone");
            }

            phone = normalized;
        }

        bool? updateExistingOnly = null;
        if (obj["_update_existing_only"] is { } ueo)
        {
            if (ueo.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return TrackErrors.Invalid("_update_existing_only");
            }

            updateExistingOnly = ueo.GetValue<bool>();
        }

        if (externalId is null && alias is null && brazeId is null && email is null && phone is null)
        {
            return TrackErrors.MissingIdentifier;
        }

        // §1.2: an external_id (and, by the "email-only profile is created" rule, an email or phone) creates the
        // profile by default; a user_alias or braze_id only updates unless told otherwise.
        var defaultUpdateOnly = externalId is null && (alias is not null || brazeId is not null);
        identity = new ObjectIdentity(externalId, alias, brazeId, email, phone, updateExistingOnly ?? defaultUpdateOnly);
        return null;
    }

    public static bool TryParseAlias(JsonNode? node, out UserAlias alias)
    {
        alias = default;
        if (node is not JsonObject obj
            || !IsNonEmptyString(obj["alias_name"], out var name)
            || !IsNonEmptyString(obj["alias_label"], out var label))
        {
            return false;
        }

        alias = new UserAlias(label!, name!);
        return true;
    }

    public static bool IsNonEmptyString(JsonNode? node, out string? value)
    {
        value = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return !string.IsNullOrEmpty(value);
    }

    /// <summary>Finds the user, creating it when the rules allow; null means "skip this object" (not an error).</summary>
    public SandboxUser? Resolve(UserWriteSession session)
    {
        if (ExternalId is not null)
        {
            return session.FindByExternalId(ExternalId) ?? (UpdateExistingOnly ? null : session.Create(externalId: ExternalId));
        }

        if (Alias is { } alias)
        {
            return session.FindByAlias(alias) ?? (UpdateExistingOnly ? null : session.Create(alias: alias));
        }

        if (BrazeId is not null)
        {
            // Braze assigns braze_ids, so an unknown one cannot create a profile.
            return session.FindByBrazeId(BrazeId);
        }

        if (Email is not null)
        {
            return UserWriteSession.PickForTrack(session.FindAllByEmail(Email)) ?? CreateWithContact(session, ProfileFieldNames.Email, Email);
        }

        return UserWriteSession.PickForTrack(session.FindAllByPhone(Phone!)) ?? CreateWithContact(session, ProfileFieldNames.Phone, Phone!);
    }

    private SandboxUser? CreateWithContact(UserWriteSession session, string field, string value)
    {
        if (UpdateExistingOnly)
        {
            return null;
        }

        var user = session.Create();
        user.Profile[field] = JsonValue.Create(value);
        return user;
    }
}
