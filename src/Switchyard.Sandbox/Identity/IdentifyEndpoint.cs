using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// <c>POST /users/identify</c> (reference/braze.md §2): an anonymous (alias, email or phone) profile is merged into the
/// profile with the given external_id and then deleted. If that profile already has an alias with the same label,
/// nothing is merged. If no profile has the external_id yet, the anonymous profile simply receives it.
/// </summary>
internal sealed class IdentifyEndpoint(UserStore store, ILogger<IdentifyEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var body = read.Body!;
        var requests = new List<(string ExternalId, UserReference Anonymous)>();
        string? error;
        if ((error = Parse(body, "aliases_to_identify", "user_alias", requests)) is not null
            || (error = Parse(body, "emails_to_identify", "email", requests)) is not null
            || (error = Parse(body, "phone_numbers_to_identify", "phone", requests)) is not null)
        {
            return WireResults.BadRequest(error);
        }

        if (requests.Count == 0)
        {
            return WireResults.BadRequest("Provide 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify'");
        }

        if (requests.Count > RequestLists.MaxItems)
        {
            return WireResults.BadRequest($"A request may identify at most {RequestLists.MaxItems} users");
        }

        store.Write(null, session =>
        {
            foreach (var (externalId, anonymous) in requests)
            {
                Identify(session, externalId, anonymous);
            }

            return 0;
        });
        Log.UserCommandProcessed(logger, "users/identify", requests.Count);
        return Results.Json(
            new AliasesProcessedResponse(requests.Count, "success"),
            SandboxJsonContext.Wire.AliasesProcessedResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static void Identify(UserWriteSession session, string externalId, UserReference anonymous)
    {
        var source = anonymous.FindAnonymous(session);
        if (source is null || source.ExternalId is not null)
        {
            return;
        }

        var target = session.FindByExternalId(externalId);
        if (target is null)
        {
            session.SetExternalId(source, externalId);
            return;
        }

        if (anonymous.Alias is { } label && target.Aliases.ContainsKey(label.Label))
        {
            return;
        }

        UserMerger.MergeInto(session, source, target);
    }

    private static string? Parse(JsonObject body, string name, string identifierField, List<(string, UserReference)> requests)
    {
        if (RequestLists.TryArray(body, name, out var array) is { } error)
        {
            return error;
        }

        foreach (var item in array ?? [])
        {
            if (item is not JsonObject obj || !ObjectIdentity.IsNonEmptyString(obj["external_id"], out var externalId))
            {
                return $"each entry of '{name}' needs 'external_id'";
            }

            if (obj[identifierField] is null)
            {
                return $"each entry of '{name}' needs '{identifierField}'";
            }

            var identifier = new JsonObject { [identifierField] = obj[identifierField]!.DeepClone() };
            if (obj["prioritization"] is { } prioritization)
            {
                identifier["prioritization"] = prioritization.DeepClone();
            }

            if (UserReference.TryParse(identifier, out var reference) is { } itemError)
            {
                return $"'{name}': {itemError}";
            }

            requests.Add((externalId!, reference!));
        }

        return null;
    }
}
