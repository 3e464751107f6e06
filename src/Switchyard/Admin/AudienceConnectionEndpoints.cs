using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.AudienceSync;
using Switchyard.Core.Delivery;
using Switchyard.Hosting;
using Switchyard.Json;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.Admin;

/// <summary>
/// <c>/admin/audience-connections</c>: connect audiences to audience outputs, activate, deactivate, delete, re-sync and
/// clean up, with the progress of each connection's job. Deactivating and deleting send nothing to Braze, and the
/// answers say so; only the clean-up action removes attributes.
/// </summary>
internal static class AudienceConnectionEndpoints
{
    public const string KeptNote =
        "Nothing was sent to Braze: users keep the membership attributes they had (SegmentMembership, SegmentMembershipArray, In <name>). POST /admin/audience-connections/{output}/{audience}/cleanup removes them.";

    private const int MaxBodyBytes = 4096;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/audience-connections", async (AudienceConnectionViews views, CancellationToken cancellationToken) => Results.Json(await views.ListAsync(cancellationToken).ConfigureAwait(false), AdminJson.Context.AudienceConnectionList))
            .Answers<AudienceConnectionList>()
            .WithSummary("Audience connections with their state, job progress and configuration warnings.");

        admin.MapGet("/audience-connections/{output}/{audience:int}", async (string output, int audience, AudienceConnectionViews views, CancellationToken cancellationToken) =>
            await views.FindAsync(output, audience, cancellationToken).ConfigureAwait(false) is { } view ? Results.Json(view, AdminJson.Context.AudienceConnectionView) : NotFound(output, audience))
            .Answers<AudienceConnectionView>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One audience connection with its latest job.");

        admin.MapPut("/audience-connections/{output}/{audience:int}", SaveAsync)
            .TakesJson<ConnectionActiveBody>().Answers<AudienceConnectionView>().Answers<AudienceConnectionView>(StatusCodes.Status201Created)
            .Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Connect an audience to an audience output, or set the connection's active flag (body {\"active\": bool}, default true). Connecting or activating starts a sync of the current members.");

        admin.MapDelete("/audience-connections/{output}/{audience:int}", async (string output, int audience, AudienceConnectionEditor manager, CancellationToken cancellationToken) =>
            await manager.DeleteAsync(output, audience, cancellationToken).ConfigureAwait(false)
                ? Results.Json(new AudienceConnectionChange(output, audience, "deleted", null, KeptNote.Replace("{output}", output, StringComparison.Ordinal).Replace("{audience}", audience.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + " (Clean up before deleting: a deleted connection cannot be cleaned up.)"), AdminJson.Context.AudienceConnectionChange)
                : NotFound(output, audience))
            .Answers<AudienceConnectionChange>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("Delete a connection. Nothing is sent to Braze; its attributes stay as they are.");

        admin.MapPost("/audience-connections/{output}/{audience:int}/sync", async (string output, int audience, AudienceConnectionEditor manager, AudienceConnectionViews views, AudienceOutputs outputs, CancellationToken cancellationToken) =>
        {
            if (await views.FindAsync(output, audience, cancellationToken).ConfigureAwait(false) is null)
            {
                return NotFound(output, audience);
            }

            if (!outputs.Contains(output))
            {
                return OutputMissing(output);
            }

            return await manager.ResyncAsync(output, audience, cancellationToken).ConfigureAwait(false) is { } job
                ? Results.Json(new AudienceConnectionChange(output, audience, "syncing", AudienceConnectionViews.JobView(job), "Every current member is queued again; only what differs from what Braze has is sent."), AdminJson.Context.AudienceConnectionChange, statusCode: StatusCodes.Status202Accepted)
                : ErrorResponses.Result(StatusCodes.Status409Conflict, "CONNECTION_INACTIVE", $"The connection of audience {audience} to '{output}' is inactive; activate it (PUT with {{\"active\": true}}), which syncs it.");
        })
            .Answers<AudienceConnectionChange>(StatusCodes.Status202Accepted).Fails(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Queue every current member of an active connection again.");

        admin.MapPost("/audience-connections/{output}/{audience:int}/cleanup", async (string output, int audience, AudienceConnectionEditor manager, AudienceOutputs outputs, CancellationToken cancellationToken) =>
            !outputs.Contains(output) ? OutputMissing(output)
            : await manager.CleanUpAsync(output, audience, cancellationToken).ConfigureAwait(false) is { } job
                ? Results.Json(new AudienceConnectionChange(output, audience, "cleaning_up", AudienceConnectionViews.JobView(job), "The connection is now inactive. Every user who has this audience's attributes at the output is queued; those attributes are removed through the normal delivery path (follow the job's progress)."), AdminJson.Context.AudienceConnectionChange, statusCode: StatusCodes.Status202Accepted)
                : NotFound(output, audience))
            .Answers<AudienceConnectionChange>(StatusCodes.Status202Accepted).Fails(StatusCodes.Status404NotFound)
            .WithSummary("Opt-in clean-up: deactivate the connection and remove this audience's membership attributes from every user in Braze.");
    }

    private static async Task<IResult> SaveAsync(string output, int audience, HttpContext http, AudienceConnectionEditor manager, AudienceConnectionViews views, AudienceOutputs outputs, AudienceLinks links)
    {
        if (!outputs.Contains(output))
        {
            return OutputMissing(output);
        }

        if (await links.ExternalNameAsync(audience, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no audience {audience}.");
        }

        var (text, error) = await AdminRequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var active = true;
        if (text!.Length > 0)
        {
            if (ReadActive(text) is not { } parsed)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_CONNECTION", "active: the body must be a JSON object {\"active\": true|false} and nothing else.");
            }

            active = parsed;
        }

        var (_, created, job) = await manager.SaveAsync(output, audience, active, http.RequestAborted).ConfigureAwait(false);
        var view = (await views.FindAsync(output, audience, http.RequestAborted).ConfigureAwait(false))!;
        var note = active
            ? job is null ? "Unchanged: the connection was already active." : "Syncing the current members (see the job)."
            : KeptNote.Replace("{output}", output, StringComparison.Ordinal).Replace("{audience}", audience.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Results.Json(view with { Note = note }, AdminJson.Context.AudienceConnectionView, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>The active flag of a body that is exactly <c>{"active": bool}</c> (or <c>{}</c>: true); null otherwise.</summary>
    private static bool? ReadActive(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // A repeated "active" never gets here: AdminRequestBody refuses repeated names.
            bool? active = true;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "active" || property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return null;
                }

                active = property.Value.GetBoolean();
            }

            return active;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>No audience output of that id in the workspace file: nothing would run a job for it or deliver its items.</summary>
    private static IResult OutputMissing(string output) =>
        ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no audience output '{output}' (outputs of type braze_audience in the workspace file).");

    private static IResult NotFound(string output, int audience) =>
        ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"Audience {audience} is not connected to '{output}'.");
}
