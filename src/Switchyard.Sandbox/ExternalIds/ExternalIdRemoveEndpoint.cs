using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.ExternalIds;

/// <summary>
/// <c>POST /users/external_ids/remove</c> (Braze: "Remove external ID",
/// https://www.braze.com/docs/api/endpoints/user_data/external_id_migration/post_external_ids_remove/): drops
/// deprecated external ids left by a rename. Only deprecated ids can be removed; a primary id, an unknown id or an
/// item that is not a string is listed in <c>removal_errors</c> and the others are removed.
/// </summary>
internal sealed class ExternalIdRemoveEndpoint(UserStore store, ILogger<ExternalIdRemoveEndpoint> logger)
{
    private const string Field = "external_ids";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (items, error) = await ExternalIdRequest.ReadAsync(context, Field).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var removed = new JsonArray();
        var errors = new ExternalIdErrors();
        store.Write(null, session =>
        {
            for (var i = 0; i < items!.Count; i++)
            {
                if (Apply(session, items[i], out var id) is { } problem)
                {
                    errors.Add(i, problem);
                }
                else
                {
                    removed.Add(id);
                }
            }

            return removed.Count;
        });
        Log.UserCommandProcessed(logger, "users/external_ids/remove", removed.Count);
        return WireResults.Node(new JsonObject
        {
            ["message"] = "success",
            ["removed_ids"] = removed,
            ["removal_errors"] = errors.ToJson(),
        });
    }

    private static string? Apply(UserWriteSession session, JsonNode? item, out string? id)
    {
        if (!ObjectIdentity.IsNonEmptyString(item, out id))
        {
            return "must be a non-empty string";
        }

        var user = session.FindByExternalId(id!);
        if (user is null)
        {
            return "matches no user";
        }

        if (string.Equals(user.ExternalId, id, StringComparison.Ordinal))
        {
            return "is a primary external id; only deprecated ids can be removed";
        }

        session.RemoveDeprecatedExternalId(user, id!);
        return null;
    }
}
