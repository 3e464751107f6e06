using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// <c>POST /users/delete</c> (reference/braze.md §2). Deletion costs no data points. Unlike Braze, which answers with
/// the number of identifiers it queued, the sandbox deletes at once and answers with the number of users deleted.
/// </summary>
internal sealed class DeleteEndpoint(UserStore store, ILogger<DeleteEndpoint> logger)
{
    private const string OneKindOnly =
        "Provide only one of 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers'";

    private static readonly string[] IdentifierKinds = ["external_ids", "user_aliases", "braze_ids", "email_addresses", "phone_numbers"];

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var body = read.Body!;
        if (IdentifierKinds.Count(kind => body[kind] is not null) > 1)
        {
            // §2: the request takes one of the identifier lists, not a mix.
            return WireResults.BadRequest(OneKindOnly);
        }

        var references = new List<UserReference>();
        string? error;
        if ((error = RequestLists.TryStrings(body, "external_ids", out var externalIds)) is not null
            || (error = RequestLists.TryAliases(body, "user_aliases", out var aliases)) is not null
            || (error = RequestLists.TryStrings(body, "braze_ids", out var brazeIds)) is not null
            || (error = ParseContacts(body, "email_addresses", references)) is not null
            || (error = ParseContacts(body, "phone_numbers", references)) is not null)
        {
            return WireResults.BadRequest(error);
        }

        references.AddRange((externalIds ?? []).Select(id => new UserReference(id, null, null, null, [])));
        references.AddRange((aliases ?? []).Select(a => new UserReference(null, a, null, null, [])));
        var total = references.Count + (brazeIds?.Count ?? 0);
        if (total == 0)
        {
            return WireResults.BadRequest("Provide 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers'");
        }

        if (total > RequestLists.MaxItems)
        {
            return WireResults.BadRequest($"A request may delete at most {RequestLists.MaxItems} users");
        }

        var deleted = store.Write(null, session =>
        {
            var targets = new HashSet<SandboxUser>();
            foreach (var reference in references)
            {
                if (reference.Find(session) is { } user)
                {
                    targets.Add(user);
                }
            }

            foreach (var brazeId in brazeIds ?? [])
            {
                if (session.FindByBrazeId(brazeId) is { } user)
                {
                    targets.Add(user);
                }
            }

            foreach (var user in targets)
            {
                session.Delete(user);
            }

            return targets.Count;
        });
        Log.UserCommandProcessed(logger, "users/delete", deleted);
        return Results.Json(new DeleteResponse(deleted, "success"), SandboxJsonContext.Wire.DeleteResponse, statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>email_addresses</c> are <c>{email, prioritization}</c>; phone numbers may be bare strings or objects.</summary>
    private static string? ParseContacts(JsonObject body, string name, List<UserReference> references)
    {
        if (RequestLists.TryArray(body, name, out var array) is { } error)
        {
            return error;
        }

        foreach (var item in array ?? [])
        {
            var node = item is JsonValue bare && name == "phone_numbers" ? new JsonObject { ["phone"] = bare.DeepClone() } : item;
            if (node is JsonObject obj && obj["email"] is null && obj["phone"] is null)
            {
                return $"each entry of '{name}' needs '{(name == "email_addresses" ? "email" : "phone")}'";
            }

            if (UserReference.TryParse(node, out var reference) is { } itemError)
            {
                return $"'{name}': {itemError}";
            }

            references.Add(reference!);
        }

        return null;
    }
}
