using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.ExternalIds;

/// <summary>
/// <c>POST /users/external_ids/rename</c> (Braze: "Rename external ID",
/// https://www.braze.com/docs/api/endpoints/user_data/external_id_migration/post_external_ids_rename/): each
/// <c>{current_external_id, new_external_id}</c> gives the user a new primary id and keeps the current one as
/// deprecated, so either still finds the user. The current id must be a primary id, the new one must not be in use
/// (as primary or deprecated id), and the two must differ; an item that breaks a rule is listed in
/// <c>rename_errors</c> and the others are applied. Renames cost no data points.
/// </summary>
internal sealed class ExternalIdRenameEndpoint(UserStore store, ILogger<ExternalIdRenameEndpoint> logger)
{
    private const string Field = "external_id_renames";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (items, error) = await ExternalIdRequest.ReadAsync(context, Field).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var renamed = new JsonArray();
        var errors = new ExternalIdErrors();
        store.Write(null, session =>
        {
            for (var i = 0; i < items!.Count; i++)
            {
                if (Apply(session, items[i]) is { } problem)
                {
                    errors.Add(i, problem);
                }
                else
                {
                    renamed.Add((string)items[i]!["current_external_id"]!);
                }
            }

            return renamed.Count;
        });
        Log.UserCommandProcessed(logger, "users/external_ids/rename", renamed.Count);
        return WireResults.Node(new JsonObject
        {
            ["message"] = "success",
            ["external_ids"] = renamed,
            ["rename_errors"] = errors.ToJson(),
        });
    }

    /// <summary>Renames one item's user, or says why not.</summary>
    private static string? Apply(UserWriteSession session, JsonNode? item)
    {
        if (item is not JsonObject obj)
        {
            return "must be an object with 'current_external_id' and 'new_external_id'";
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["current_external_id"], out var current))
        {
            return "'current_external_id' must be a non-empty string";
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["new_external_id"], out var next))
        {
            return "'new_external_id' must be a non-empty string";
        }

        if (string.Equals(current, next, StringComparison.Ordinal))
        {
            return "'current_external_id' and 'new_external_id' must differ";
        }

        var user = session.FindByExternalId(current!);
        if (user is null)
        {
            return "'current_external_id' matches no user";
        }

        if (!string.Equals(user.ExternalId, current, StringComparison.Ordinal))
        {
            return "'current_external_id' is a deprecated external id; only a primary id can be renamed";
        }

        if (session.FindByExternalId(next!) is not null)
        {
            return "'new_external_id' is already in use as a primary or deprecated external id";
        }

        session.RenameExternalId(user, next!);
        return null;
    }
}
