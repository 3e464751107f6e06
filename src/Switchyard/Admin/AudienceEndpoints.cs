using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Hosting;
using Switchyard.Json;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.Admin;

/// <summary>
/// <c>/admin/audiences</c>: list, read, create, replace and delete audience definitions (validated like the workspace
/// file's, with every error named by its JSON path), and read an audience's size and members.
/// </summary>
internal static class AudienceEndpoints
{
    private const int MaxDefinitionBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/audiences", async (IAudienceStore store, IProfileStore profiles, CancellationToken cancellationToken) =>
            Results.Json(new AudienceList(await ViewsAsync(await store.ListAsync(cancellationToken).ConfigureAwait(false), profiles, cancellationToken).ConfigureAwait(false)), AdminJson.Context.AudienceList))
            .Answers<AudienceList>()
            .WithSummary("List audience definitions with their sizes.");

        admin.MapGet("/audiences/{id:int}", async (int id, IAudienceStore store, IProfileStore profiles, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && await ViewAsync(stored, profiles, cancellationToken).ConfigureAwait(false) is { } view
                ? Results.Json(view, AdminJson.Context.AudienceView)
                : NotFound(id))
            .Answers<AudienceView>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("Read one audience definition and its size.");

        admin.MapPost("/audiences", (HttpContext http, IAudienceStore store, IProfileStore profiles) => SaveAsync(http, null, store, profiles))
            .TakesJson<AudienceDefinition>().Answers<AudienceView>(StatusCodes.Status201Created).Fails(BodyFailures).Fails(StatusCodes.Status409Conflict)
            .WithSummary("Create an audience; its id is in the body.");

        admin.MapPut("/audiences/{id:int}", (int id, HttpContext http, IAudienceStore store, IProfileStore profiles) => SaveAsync(http, id, store, profiles))
            .TakesJson<AudienceDefinition>().Answers<AudienceView>().Answers<AudienceView>(StatusCodes.Status201Created).Fails(BodyFailures)
            .WithSummary("Create or replace the audience with this id.");

        admin.MapDelete("/audiences/{id:int}", (int id, IAudienceStore store, IAudienceSyncStore sync, AudienceConnectionEditor manager, CancellationToken cancellationToken) => DeleteAsync(id, store, sync, manager, cancellationToken))
            .AnswersEmpty(StatusCodes.Status204NoContent).Answers<AudienceDeleted>().Fails(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Delete an audience. Nothing is sent to Braze: attributes already sent stay as they are (the answer lists the connections concerned).");

        admin.MapGet("/audiences/{id:int}/size", async (int id, IAudienceStore store, IProfileStore profiles, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null ? NotFound(id) : Results.Json(new AudienceSize(id, await profiles.CountMembersAsync(id, cancellationToken).ConfigureAwait(false)), AdminJson.Context.AudienceSize))
            .Answers<AudienceSize>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("How many profiles are members now.");

        admin.MapGet("/audiences/{id:int}/members", (int id, string? after, int? limit, IAudienceStore store, IProfileStore profiles, CancellationToken cancellationToken) =>
            MembersAsync(id, after, limit, store, profiles, cancellationToken))
            .Answers<AudienceMembers>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("Member MPIDs in order, a page at a time (after = the last MPID of the previous page).");
    }

    // Not valid (named by field), too large, not JSON.
    private static readonly int[] BodyFailures = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    private static async Task<IResult> SaveAsync(HttpContext http, int? pathId, IAudienceStore store, IProfileStore profiles)
    {
        var (json, error) = await AdminRequestBody.ReadAsync(http.Request, MaxDefinitionBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var outcome = await http.RequestServices.GetRequiredService<AudienceEditor>().SaveAsync(json, pathId, createOnly: pathId is null, http.RequestAborted).ConfigureAwait(false);
        if (outcome.Conflict)
        {
            return ErrorResponses.Result(StatusCodes.Status409Conflict, "AUDIENCE_EXISTS", $"Audience {outcome.Id} exists; PUT /admin/audiences/{outcome.Id} replaces it.");
        }

        return outcome.Saved is { } view
            ? Results.Json(view, AdminJson.Context.AudienceView, statusCode: outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
            : Invalid(outcome.Errors);
    }

    private static async Task<IResult> DeleteAsync(int id, IAudienceStore store, IAudienceSyncStore sync, AudienceConnectionEditor manager, CancellationToken cancellationToken)
    {
        AudienceWrite deleted;
        await AudienceEditor.Writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            deleted = await store.DeleteAsync(id, AudienceEditRules.ForDelete(id), cancellationToken).ConfigureAwait(false);
            if (deleted.Outcome == AudienceWriteOutcome.Written)
            {
                // Its connections become inactive (nothing is sent; a running sync stops). Were they left active, an
                // audience created again with this id would be synced from then on without a sync job, and users who
                // left while it was gone would keep its attributes; activating again runs that sync.
                foreach (var connection in (await sync.AudienceConnectionsAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.AudienceId == id && c.Active))
                {
                    await manager.SaveAsync(connection.OutputId, id, active: false, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            AudienceEditor.Writes.Release();
        }

        switch (deleted.Outcome)
        {
            case AudienceWriteOutcome.NotFound:
                return NotFound(id);
            case AudienceWriteOutcome.Refused:
                return ErrorResponses.Result(StatusCodes.Status409Conflict, "AUDIENCE_IN_USE", Sentence(deleted.Problems[0].Message));
        }

        // The seed's rule: deleting an audience sends nothing, so Braze keeps its attributes; say so when some were sent.
        var outputs = (await sync.AudienceConnectionsAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.AudienceId == id).Select(c => c.OutputId).ToList();
        if (outputs.Count == 0)
        {
            return Results.NoContent();
        }

        return Results.Json(
            new AudienceDeleted(id, outputs, $"Nothing was sent to Braze: users keep this audience's membership attributes at {string.Join(", ", outputs)}. Its connections stay, now inactive (state audience_deleted; if the audience is created again, activating them syncs it), so that POST /admin/audience-connections/{{output}}/{id}/cleanup can still remove them."),
            AdminJson.Context.AudienceDeleted);
    }

    private static async Task<IResult> MembersAsync(int id, string? after, int? limit, IAudienceStore store, IProfileStore profiles, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        long? afterMpid = null;
        if (after is not null)
        {
            if (!long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "after: must be an MPID (a 64-bit integer).");
            }

            afterMpid = parsed;
        }

        var size = limit ?? 100;
        if (size is < 1 or > 1000)
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "limit: must be between 1 and 1000.");
        }

        var page = await profiles.MembersAsync(id, afterMpid, size, cancellationToken).ConfigureAwait(false);
        var mpids = page.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return Results.Json(new AudienceMembers(id, mpids, page.Count == size ? mpids[^1] : null), AdminJson.Context.AudienceMembers);
    }

    private static async Task<List<AudienceView>> ViewsAsync(IReadOnlyList<StoredAudience> stored, IProfileStore profiles, CancellationToken cancellationToken)
    {
        var views = new List<AudienceView>(stored.Count);
        foreach (var audience in stored)
        {
            if (await ViewAsync(audience, profiles, cancellationToken).ConfigureAwait(false) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }

    private static async Task<AudienceView?> ViewAsync(StoredAudience stored, IProfileStore profiles, CancellationToken cancellationToken)
    {
        if (AudienceDefinitionParser.Parse(stored.DefinitionJson).Definition is not { } definition)
        {
            return null;
        }

        var members = await profiles.CountMembersAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(stored.DefinitionJson);
        return new AudienceView(definition.Id, definition.Name, definition.EffectiveExternalName, document.RootElement.Clone(), members);
    }

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    private static IResult Invalid(IReadOnlyList<AudienceValidationError> errors) =>
        Results.Json(new ErrorBody([.. errors.Select(e => new ErrorItem("INVALID_AUDIENCE", e.ToString()))]), HostJson.Context.ErrorBody, "application/json", StatusCodes.Status400BadRequest);

    private static IResult NotFound(int id) =>
        ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no audience {id}.");
}
