using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Json;

namespace Switchyard.Admin;

/// <summary><c>/admin/outputs</c> and <c>/admin/dead-letters</c>: what waits to be delivered, what Braze refused, and replaying it.</summary>
internal static class DeliveryEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/outputs", async (LiveWorkspace live, IDeliveryStore store, IAudienceSyncStore sync, CancellationToken cancellationToken) =>
        {
            var workspace = live.Current;
            var audienceConnections = await sync.AudienceConnectionsAsync(cancellationToken).ConfigureAwait(false);
            var queued = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var output in workspace.Outputs)
            {
                queued[output.Id] = await store.CountQueuedAsync(output.Id, cancellationToken).ConfigureAwait(false);
            }

            return Results.Json(
                new OutputList([.. workspace.Outputs.Select(o => new OutputView(
                    o.Id,
                    o.Type,
                    queued[o.Id],
                    [.. workspace.Connections.Where(c => c.OutputId == o.Id).Select(c => new ConnectionView(c.InputId, c.Active))],
                    [.. audienceConnections.Where(c => c.OutputId == o.Id).OrderBy(c => c.AudienceId).Select(c => new AudienceConnectionRef(c.AudienceId, c.Active))],
                    WorkspaceEndpoints.Source(live, WorkspaceEntryKind.Output, o.Id)))]),
                AdminJson.Context.OutputList);
        })
            .Answers<OutputList>()
            .WithSummary("Outputs with their queued item counts and connections (settings are never shown).");

        admin.MapGet("/outputs/{id}", async (string id, LiveWorkspace live, Hosting.BrazeOutputs braze, AudienceSync.AudienceOutputs audiences, Hosting.DeliveryOutputs outputs, IDeliveryStore store, CancellationToken cancellationToken) =>
            await DetailAsync(id, live, braze, audiences, outputs, store, cancellationToken).ConfigureAwait(false) is { } detail
                ? Results.Json(detail, AdminJson.Context.OutputDetail)
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no output '{id}'."))
            .Answers<OutputDetail>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One output with its settings; the REST API key is redacted.");

        admin.MapGet("/dead-letters", async (string? output, long? after, int? limit, IDeliveryStore store, ReplayCosts costs, CancellationToken cancellationToken) =>
        {
            var size = limit ?? 100;
            if (size is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "limit: must be between 1 and 1000.");
            }

            var letters = await store.DeadLettersAsync(output, after ?? 0, size, cancellationToken).ConfigureAwait(false);
            var views = new List<DeadLetterView>(letters.Count);
            foreach (var d in letters)
            {
                var cost = await costs.EstimateAsync(d, cancellationToken).ConfigureAwait(false);
                views.Add(new DeadLetterView(d.Id, d.OutputId, d.Mpid.ToString(CultureInfo.InvariantCulture), d.Reason, d.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(d.DeadAtMs), d.KeepsBatch, cost));
            }

            return Results.Json(new DeadLetterList(views, letters.Count == size ? letters[^1].Id : null), AdminJson.Context.DeadLetterList);
        })
            .Answers<DeadLetterList>().Fails(StatusCodes.Status400BadRequest)
            .WithSummary("Items an output gave up on, with Braze's reason and the data points a replay would cost, oldest first.");

        admin.MapPost("/dead-letters/{id:long}/replay", async (long id, IDeliveryStore store, TimeProvider time, CancellationToken cancellationToken) =>
            await DeadLetterReplay.ReplayAsync(store, time, id, cancellationToken).ConfigureAwait(false)
                ? Results.Accepted()
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no dead letter {id}."))
            .AnswersEmpty(StatusCodes.Status202Accepted).Fails(StatusCodes.Status404NotFound)
            .WithSummary("Queue a dead letter again; it is delivered after that user's waiting items.");
    }

    /// <summary>An output with its settings as its type redacts them (the REST API key never leaves); null when there is none.</summary>
    public static async Task<OutputDetail?> DetailAsync(
        string id, LiveWorkspace live, Hosting.BrazeOutputs braze, AudienceSync.AudienceOutputs audiences, Hosting.DeliveryOutputs outputs, IDeliveryStore store, CancellationToken cancellationToken)
    {
        var output = live.Current.Outputs.FirstOrDefault(o => o.Id == id);
        var settings = braze.All.FirstOrDefault(b => b.Id == id).Settings?.Redacted() ?? audiences.SettingsOf(id)?.Redacted()
            ?? (outputs.All.FirstOrDefault(o => o.Id == id)?.Settings as Core.Delivery.MParticle.MParticleSettings)?.Redacted();
        if (output is null || settings is null)
        {
            return null;
        }

        var queued = await store.CountQueuedAsync(output.Id, cancellationToken).ConfigureAwait(false);
        using var redacted = System.Text.Json.JsonDocument.Parse(settings);
        return new OutputDetail(output.Id, output.Type, queued, redacted.RootElement.Clone(), output.BrazeWorkspace, WorkspaceEndpoints.Source(live, WorkspaceEntryKind.Output, output.Id));
    }
}
