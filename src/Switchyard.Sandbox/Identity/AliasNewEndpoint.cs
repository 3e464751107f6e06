using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// <c>POST /users/alias/new</c> (reference/braze.md §2): without an external_id an alias-only user is created; with an
/// unknown external_id nothing is added. An alias another user owns, or a label the user already has, is skipped.
/// </summary>
internal sealed class AliasNewEndpoint(UserStore store, ILogger<AliasNewEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (RequestLists.TryArray(read.Body!, "user_aliases", out var array) is { } error)
        {
            return WireResults.BadRequest(error);
        }

        if (array is null || array.Count == 0)
        {
            return WireResults.BadRequest("'user_aliases' must be a non-empty array");
        }

        var requests = new List<(string? ExternalId, UserAlias Alias)>();
        foreach (var item in array)
        {
            if (item is not JsonObject obj || !ObjectIdentity.TryParseAlias(obj, out var alias))
            {
                return WireResults.BadRequest("each entry of 'user_aliases' needs 'alias_name' and 'alias_label'");
            }

            string? externalId = null;
            if (obj["external_id"] is { } ext && !UserReference.IsNull(ext) && !ObjectIdentity.IsNonEmptyString(ext, out externalId))
            {
                return WireResults.BadRequest("'external_id' must be a string");
            }

            requests.Add((externalId, alias));
        }

        store.Write(null, session =>
        {
            foreach (var (externalId, alias) in requests)
            {
                if (externalId is null)
                {
                    if (session.FindByAlias(alias) is null)
                    {
                        session.Create(alias: alias);
                    }
                }
                else if (session.FindByExternalId(externalId) is { } user)
                {
                    session.TryAddAlias(user, alias);
                }
            }

            return requests.Count;
        });
        Log.UserCommandProcessed(logger, "users/alias/new", requests.Count);
        return Results.Json(
            new AliasesProcessedResponse(requests.Count, "success"),
            SandboxJsonContext.Wire.AliasesProcessedResponse,
            statusCode: StatusCodes.Status201Created);
    }
}
