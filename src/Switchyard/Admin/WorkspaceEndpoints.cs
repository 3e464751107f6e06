using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Json;

namespace Switchyard.Admin;

/// <summary>
/// <c>/admin/inputs</c>, <c>/admin/outputs</c> (create, change, delete) and <c>/admin/connections</c>: the workspace's
/// inputs, event outputs and connections changed while the service runs. Bodies are entries of the workspace file,
/// checked by its rules (<see cref="LiveWorkspace"/>); answers never carry a secret. The file's own entries are read-only.
/// </summary>
internal static class WorkspaceEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly int[] BodyFailures =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
    ];

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/inputs", (LiveWorkspace live) =>
            Results.Json(new InputList([.. live.Current.Inputs.Select(i => InputOf(live, i))]), AdminJson.Context.InputList))
            .Answers<InputList>()
            .WithSummary("Inputs, from the workspace file and created through the admin API; secrets are redacted.");

        admin.MapGet("/inputs/{id}", (string id, LiveWorkspace live) =>
            live.Current.Inputs.FirstOrDefault(i => i.Id == id) is { } input
                ? Results.Json(InputOf(live, input), AdminJson.Context.InputView)
                : NotFound($"There is no input '{id}'."))
            .Answers<InputView>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One input; its secret is redacted.");

        admin.MapPost("/inputs", (HttpContext http, LiveWorkspace live, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "input", (json, cancellationToken) => live.CreateInputAsync(json, cancellationToken), (id, status, _) => Task.FromResult(Input(live, id, status))))
            .TakesJson<InputBody>().Answers<InputView>(StatusCodes.Status201Created).Fails(BodyFailures)
            .WithSummary("Create an input (an entry of the workspace file's inputs); its credentials are accepted at once.");

        admin.MapPut("/inputs/{id}", (string id, HttpContext http, LiveWorkspace live, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "input", (json, cancellationToken) => live.ReplaceInputAsync(id, json, cancellationToken), (changed, status, _) => Task.FromResult(Input(live, changed, status))))
            .TakesJson<InputBody>().Answers<InputView>().Fails(BodyFailures).Fails(StatusCodes.Status404NotFound)
            .WithSummary("Replace an input created through the admin API; a secret left out (or sent back redacted) is kept.");

        admin.MapDelete("/inputs/{id}", async (string id, LiveWorkspace live, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            Deleted(loggers, "input", id, await live.DeleteInputAsync(id, cancellationToken).ConfigureAwait(false), "Its credentials are refused from now on; batches it sent before stay queued and are delivered."))
            .Answers<WorkspaceEntryDeleted>().Fails(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Delete an input created through the admin API (its connections first).");

        admin.MapPost("/outputs", (HttpContext http, LiveWorkspace live, BrazeOutputs braze, AudienceSync.AudienceOutputs audiences, DeliveryOutputs outputs, IDeliveryStore store, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "output", (json, cancellationToken) => live.CreateOutputAsync(json, cancellationToken), (id, status, cancellationToken) => OutputAsync(id, status, live, braze, audiences, outputs, store, cancellationToken)))
            .TakesJson<OutputBody>().Answers<OutputDetail>(StatusCodes.Status201Created).Fails(BodyFailures)
            .WithSummary("Create an event output (braze or mparticle, as in the workspace file's outputs); its delivery loop starts at once.");

        admin.MapPut("/outputs/{id}", (string id, HttpContext http, LiveWorkspace live, BrazeOutputs braze, AudienceSync.AudienceOutputs audiences, DeliveryOutputs outputs, IDeliveryStore store, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "output", (json, cancellationToken) => live.ReplaceOutputAsync(id, json, cancellationToken), (changed, status, cancellationToken) => OutputAsync(changed, status, live, braze, audiences, outputs, store, cancellationToken)))
            .TakesJson<OutputBody>().Answers<OutputDetail>().Fails(BodyFailures).Fails(StatusCodes.Status404NotFound)
            .WithSummary("Replace an output created through the admin API (same type; settings whole, with the REST API key); its delivery loop restarts with them.");

        admin.MapDelete("/outputs/{id}", async (string id, LiveWorkspace live, IDeliveryStore store, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var edit = await live.DeleteOutputAsync(id, cancellationToken).ConfigureAwait(false);
            return Deleted(loggers, "output", id, edit, edit.Succeeded
                ? $"Its delivery loop stops. {await store.CountQueuedAsync(id, cancellationToken).ConfigureAwait(false)} items stay queued; they are delivered if an output '{id}' is created again."
                : "");
        })
            .Answers<WorkspaceEntryDeleted>().Fails(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Delete an output created through the admin API (its connections first); its queued items stay queued.");

        admin.MapGet("/connections", (LiveWorkspace live) =>
            Results.Json(new ConnectionList([.. live.Current.Connections.Select(c => ConnectionOf(live, c))]), AdminJson.Context.ConnectionList))
            .Answers<ConnectionList>()
            .WithSummary("Connections of inputs to event outputs, from the workspace file and created through the admin API.");

        admin.MapGet("/connections/{input}/{output}", (string input, string output, LiveWorkspace live) => Connection(live, input + "/" + output, StatusCodes.Status200OK))
            .Answers<ConnectionDetail>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One connection.");

        admin.MapPost("/connections", (HttpContext http, LiveWorkspace live, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "connection", (json, cancellationToken) => live.CreateConnectionAsync(json, cancellationToken), (id, status, _) => Task.FromResult(Connection(live, id, status))))
            .TakesJson<ConnectionBody>().Answers<ConnectionDetail>(StatusCodes.Status201Created).Fails(BodyFailures)
            .WithSummary("Connect an input to an event output (an entry of the workspace file's connections); batches processed from now on follow it.");

        admin.MapPut("/connections/{input}/{output}", (string input, string output, HttpContext http, LiveWorkspace live, ILoggerFactory loggers) =>
            EditAsync(http, loggers, "connection", (json, cancellationToken) => live.ReplaceConnectionAsync(input, output, json, cancellationToken), (id, status, _) => Task.FromResult(Connection(live, id, status))))
            .TakesJson<ConnectionBody>().Answers<ConnectionDetail>().Fails(BodyFailures).Fails(StatusCodes.Status404NotFound)
            .WithSummary("Replace a connection created through the admin API (active, echo, mode, kit).");

        admin.MapDelete("/connections/{input}/{output}", async (string input, string output, LiveWorkspace live, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            Deleted(loggers, "connection", input + "/" + output, await live.DeleteConnectionAsync(input, output, cancellationToken).ConfigureAwait(false), "Batches processed from now on are not queued for this output; items already queued stay queued."))
            .Answers<WorkspaceEntryDeleted>().Fails(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Delete a connection created through the admin API.");
    }

    /// <summary><c>file</c> for an entry the workspace file lists (read-only here), <c>admin</c> for one made through this API.</summary>
    public static string Source(LiveWorkspace live, WorkspaceEntryKind kind, string id) => live.IsFromFile(kind, id) ? "file" : "admin";

    /// <summary>Reads the body, makes the change, and answers with the entry as it now is (201 when created) or the refusal.</summary>
    private static async Task<IResult> EditAsync(HttpContext http, ILoggerFactory loggers, string kind, Func<string, CancellationToken, Task<WorkspaceEdit>> change, Func<string, int, CancellationToken, Task<IResult>> answer)
    {
        var (text, error) = await AdminRequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var edit = await change(text!, http.RequestAborted).ConfigureAwait(false);
        if (!edit.Succeeded)
        {
            return Refused(kind, edit);
        }

        Log.WorkspaceEntryChanged(loggers.CreateLogger(typeof(WorkspaceEndpoints)), kind, edit.Id!, edit.Status.ToString().ToLowerInvariant());
        return await answer(edit.Id!, edit.Status == WorkspaceEditStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, http.RequestAborted).ConfigureAwait(false);
    }

    private static IResult Deleted(ILoggerFactory loggers, string kind, string id, WorkspaceEdit edit, string note)
    {
        if (!edit.Succeeded)
        {
            return Refused(kind, edit);
        }

        Log.WorkspaceEntryChanged(loggers.CreateLogger(typeof(WorkspaceEndpoints)), kind, id, "deleted");
        return Results.Json(new WorkspaceEntryDeleted(kind, id, note), AdminJson.Context.WorkspaceEntryDeleted);
    }

    private static IResult Refused(string kind, WorkspaceEdit edit) => edit.Status switch
    {
        WorkspaceEditStatus.NotFound => NotFound(edit.Message),
        WorkspaceEditStatus.Conflict => ErrorResponses.Result(StatusCodes.Status409Conflict, "CONFLICT", edit.Message),
        _ => ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_" + kind.ToUpperInvariant(), edit.Message),
    };

    private static IResult NotFound(string message) => ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    private static IResult Input(LiveWorkspace live, string id, int status) =>
        live.Current.Inputs.FirstOrDefault(i => i.Id == id) is { } input
            ? Results.Json(InputOf(live, input), AdminJson.Context.InputView, statusCode: status)
            : NotFound($"There is no input '{id}'.");

    private static async Task<IResult> OutputAsync(
        string id, int status, LiveWorkspace live, BrazeOutputs braze, AudienceSync.AudienceOutputs audiences, DeliveryOutputs outputs, IDeliveryStore store, CancellationToken cancellationToken) =>
        await DeliveryEndpoints.DetailAsync(id, live, braze, audiences, outputs, store, cancellationToken).ConfigureAwait(false) is { } detail
            ? Results.Json(detail, AdminJson.Context.OutputDetail, statusCode: status)
            : NotFound($"There is no output '{id}'.");

    /// <param name="id">The connection's <c>input/output</c>.</param>
    private static IResult Connection(LiveWorkspace live, string id, int status) =>
        live.Current.Connections.FirstOrDefault(c => LiveWorkspace.ConnectionId(c) == id) is { } connection
            ? Results.Json(ConnectionOf(live, connection), AdminJson.Context.ConnectionDetail, statusCode: status)
            : NotFound($"There is no connection '{id}'.");

    private static InputView InputOf(LiveWorkspace live, InputFeed input)
    {
        using var definition = JsonDocument.Parse(WorkspaceEntries.Describe(input, redactSecret: true));
        return new InputView(input.Id, Source(live, WorkspaceEntryKind.Input, input.Id), definition.RootElement.Clone());
    }

    private static ConnectionDetail ConnectionOf(LiveWorkspace live, Connection connection)
    {
        using var definition = JsonDocument.Parse(WorkspaceEntries.Describe(connection));
        return new ConnectionDetail(connection.InputId, connection.OutputId, Source(live, WorkspaceEntryKind.Connection, LiveWorkspace.ConnectionId(connection)), definition.RootElement.Clone());
    }
}
