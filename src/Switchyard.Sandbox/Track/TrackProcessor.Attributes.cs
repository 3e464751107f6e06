using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>Attributes objects (reference/braze.md §1.3); identifiers and control flags are free (§4).</summary>
internal static partial class TrackProcessor
{
    private static readonly HashSet<string> ControlKeys = new(StringComparer.Ordinal)
    {
        "external_id", "user_alias", "braze_id", "_update_existing_only", "_merge_objects", "push_token_import",
    };

    private static string? ProcessAttributes(UserWriteSession session, JsonObject obj)
    {
        var tokenImport = obj["push_token_import"]?.GetValueKind() == JsonValueKind.True;
        ObjectIdentity? identity = null;
        if (!tokenImport)
        {
            if (ObjectIdentity.TryParse(obj, out identity) is { } identityError)
            {
                return identityError;
            }
        }
        else if (obj["external_id"] is not null || obj["user_alias"] is not null || obj["braze_id"] is not null)
        {
            // §1.3: the import is for tokens without a known user; with an identifier the token would land on an
            // anonymous profile instead of the user the client named.
            return TrackErrors.IdentifiedTokenImport;
        }
        else if (obj["push_tokens"] is not JsonArray { Count: > 0 })
        {
            // §1.3: an anonymous token import needs a token.
            return TrackErrors.Required("push_tokens");
        }

        var mergeObjects = obj["_merge_objects"]?.GetValueKind() == JsonValueKind.True;
        var profileChanges = new List<ProfileChange>();
        var custom = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var property in obj)
        {
            if (ControlKeys.Contains(property.Key))
            {
                continue;
            }

            if (ProfileFieldNames.IsProfileField(property.Key))
            {
                var change = ProfileFieldParser.Parse(property.Key, property.Value);
                if (change.Error is not null)
                {
                    return change.Error;
                }

                profileChanges.Add(change);
            }
            else
            {
                custom.Add(property);
            }
        }

        var user = tokenImport ? FindOrCreateTokenOwner(session, (JsonArray)obj["push_tokens"]!) : identity!.Resolve(session);
        if (user is null)
        {
            // _update_existing_only and no such user: processed, nothing written, nothing billed.
            return null;
        }

        foreach (var change in profileChanges)
        {
            change.Apply?.Invoke(user, session);
            session.DataPoints.ProfileAttributes += change.DataPoints;
        }

        foreach (var (key, value) in custom)
        {
            session.DataPoints.CustomAttributes += CustomAttributeWriter.Apply(user, key, value, mergeObjects, session.Settings.ArrayAttributeCap);
        }

        session.Touch(user);
        return null;
    }

    /// <summary>An imported anonymous token lands on the profile that already holds it, else on a new anonymous profile.</summary>
    private static SandboxUser FindOrCreateTokenOwner(UserWriteSession session, JsonArray tokens)
    {
        var texts = tokens.OfType<JsonObject>().Select(t => t["token"]?.GetValueKind() == JsonValueKind.String ? (string?)t["token"] : null).ToHashSet(StringComparer.Ordinal);
        return session.FindAll(u => u.PushTokens.Any(t => texts.Contains(t.Token))).FirstOrDefault() ?? session.Create();
    }
}
