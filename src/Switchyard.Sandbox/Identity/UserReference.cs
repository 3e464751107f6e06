using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// A user named by <c>{external_id}</c>, <c>{user_alias}</c>, <c>{email, prioritization}</c> or
/// <c>{phone, prioritization}</c> (reference/braze.md §2, /users/merge and /users/delete).
/// </summary>
internal sealed record UserReference(string? ExternalId, UserAlias? Alias, string? Email, string? Phone, IReadOnlyList<string> Prioritization)
{
    public static string? TryParse(JsonNode? node, out UserReference? reference)
    {
        reference = null;
        if (node is not JsonObject obj)
        {
            return "an identifier must be an object";
        }

        if (obj["external_id"] is { } ext)
        {
            return ObjectIdentity.IsNonEmptyString(ext, out var id)
                ? Done(new UserReference(id, null, null, null, []), out reference)
                : "'external_id' must be a string";
        }

        if (obj["user_alias"] is { } aliasNode)
        {
            return ObjectIdentity.TryParseAlias(aliasNode, out var alias)
                ? Done(new UserReference(null, alias, null, null, []), out reference)
                : "'user_alias' must have 'alias_name' and 'alias_label'";
        }

        if (RequestLists.TryPrioritization(obj["prioritization"], out var rules) is { } prioritizationError)
        {
            return prioritizationError;
        }

        if (obj["email"] is { } emailNode)
        {
            return ObjectIdentity.IsNonEmptyString(emailNode, out var email)
                ? Done(new UserReference(null, null, email, null, rules), out reference)
                : "'email' must be a string";
        }

        if (obj["phone"] is { } phoneNode)
        {
            return ObjectIdentity.IsNonEmptyString(phoneNode, out var raw) && ContactFormats.TryNormalizePhone(raw!, out var phone)
                ? Done(new UserReference(null, null, null, phone, rules), out reference)
                : "'phone' must be a valid phone number";
        }

        return "an identifier needs 'external_id', 'user_alias', 'email' or 'phone'";
    }

    /// <summary>Finds the user; for email and phone the prioritization must leave exactly one candidate.</summary>
    public SandboxUser? Find(UserWriteSession session)
    {
        if (ExternalId is not null)
        {
            return session.FindByExternalId(ExternalId);
        }

        if (Alias is { } alias)
        {
            return session.FindByAlias(alias);
        }

        var candidates = Email is not null ? session.FindAllByEmail(Email) : session.FindAllByPhone(Phone!);
        return UserWriteSession.PickByPrioritization(candidates, Prioritization);
    }

    /// <summary>Like <see cref="Find"/>, but email and phone only consider profiles without an external_id.</summary>
    public SandboxUser? FindAnonymous(UserWriteSession session)
    {
        if (ExternalId is not null || Alias is not null)
        {
            return Find(session);
        }

        var candidates = (Email is not null ? session.FindAllByEmail(Email) : session.FindAllByPhone(Phone!))
            .Where(u => u.ExternalId is null)
            .ToList();
        return UserWriteSession.PickByPrioritization(candidates, Prioritization);
    }

    private static string? Done(UserReference value, out UserReference? reference)
    {
        reference = value;
        return null;
    }

    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;
}
