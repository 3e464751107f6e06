using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Identity;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Export;

/// <summary>
/// <c>POST /users/export/ids</c> (reference/braze.md §2): <c>external_ids</c>/<c>user_aliases</c> (≤50 each), or
/// exactly one of <c>braze_id</c>, <c>device_id</c>, <c>email_address</c>, <c>phone</c>. <c>fields_to_export</c> is
/// required while <see cref="SandboxSettings.RequireFieldsToExport"/> is set, the default (Braze requires it for
/// workspaces onboarded on or after 2024-08-22).
/// </summary>
internal sealed class ExportEndpoint(UserStore store, SandboxSettings settings)
{
    private const string IdentifierRule =
        "Provide 'external_ids' and/or 'user_aliases', or exactly one of 'braze_id', 'device_id', 'email_address' or 'phone'";

    private static readonly string[] SingleIdentifiers = ["braze_id", "device_id", "email_address", "phone"];

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var body = read.Body!;
        string? error;
        if ((error = RequestLists.TryStrings(body, "external_ids", out var externalIds)) is not null
            || (error = RequestLists.TryAliases(body, "user_aliases", out var aliases)) is not null
            || (error = ParseFields(body, settings.RequireFieldsToExport, out var fields)) is not null)
        {
            return WireResults.BadRequest(error);
        }

        var singles = SingleIdentifiers.Where(name => body[name] is not null).ToList();
        var hasLists = externalIds is not null || aliases is not null;
        if (hasLists ? singles.Count > 0 : singles.Count != 1)
        {
            return WireResults.BadRequest(IdentifierRule);
        }

        string? single = null;
        if (!hasLists && !ObjectIdentity.IsNonEmptyString(body[singles[0]], out single))
        {
            return WireResults.BadRequest($"'{singles[0]}' must be a string");
        }

        // With a consistency delay the export reads what readers see; without one it reads the store under its lock.
        var response = settings.ConsistencyDelay > TimeSpan.Zero
            ? Export(store.VisibleUsers())
            : store.Write(null, Export);
        return WireResults.Node(response);

        JsonObject Export(IUserLookup session)
        {
            var users = new JsonArray();
            var invalid = new JsonArray();
            foreach (var id in externalIds ?? [])
            {
                AddOrReport(users, invalid, session.FindByExternalId(id), id, fields);
            }

            foreach (var alias in aliases ?? [])
            {
                AddOrReport(users, invalid, session.FindByAlias(alias), new JsonObject { ["alias_name"] = alias.Name, ["alias_label"] = alias.Label }, fields);
            }

            if (!hasLists)
            {
                foreach (var user in FindSingle(session, singles[0], single!))
                {
                    users.Add(ExportUserWriter.Write(user, fields));
                }
            }

            var result = new JsonObject { ["message"] = "success", ["users"] = users };
            if (invalid.Count > 0)
            {
                result["invalid_user_ids"] = invalid;
            }

            return result;
        }
    }

    private static void AddOrReport(JsonArray users, JsonArray invalid, SandboxUser? user, JsonNode requested, IReadOnlyCollection<string> fields)
    {
        if (user is null)
        {
            invalid.Add(requested);
        }
        else
        {
            users.Add(ExportUserWriter.Write(user, fields));
        }
    }

    private static IEnumerable<SandboxUser> FindSingle(IUserLookup session, string kind, string value)
    {
        switch (kind)
        {
            case "braze_id":
                return session.FindByBrazeId(value) is { } user ? [user] : [];
            case "email_address":
                return session.FindAllByEmail(value);
            case "phone":
                return ContactFormats.TryNormalizePhone(value, out var phone) ? session.FindAllByPhone(phone) : [];
            default:
                // The sandbox knows devices through push tokens' device_id and the Web SDK's anonymous users.
                return session.FindAll(u => u.PushTokens.Any(t => t.DeviceId == value)
                    || (u.Aliases.TryGetValue(WebSdk.WebSdkDevice.AliasLabel, out var device) && device == value));
        }
    }

    /// <summary>The 400 text for a missing list is a sandbox choice: Braze's wording is UNVERIFIED.</summary>
    public const string FieldsRequiredMessage = "'fields_to_export' is required";

    private static string? ParseFields(JsonObject body, bool required, out IReadOnlyCollection<string> fields)
    {
        fields = ExportFields.All;
        if (body["fields_to_export"] is null)
        {
            return required ? FieldsRequiredMessage : null;
        }

        if (body["fields_to_export"] is not JsonArray array)
        {
            return "'fields_to_export' must be an array of strings";
        }

        var chosen = new List<string>();
        foreach (var item in array)
        {
            if (!ObjectIdentity.IsNonEmptyString(item, out var field))
            {
                return "'fields_to_export' must be an array of strings";
            }

            if (!ExportFields.IsKnown(field!))
            {
                return $"'{field}' is not a valid field to export";
            }

            chosen.Add(field!);
        }

        fields = chosen;
        return null;
    }
}
