using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Currents;

/// <summary><c>/_sandbox/currents</c>: the connector, simulated campaign sends and the delivery status (docs/sandbox.md).</summary>
internal static class CurrentsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_sandbox/currents");
        group.MapGet("", (CurrentsOutbox outbox, CurrentsConnectorStore connectors) =>
            Results.Json(CurrentsViews.Status(outbox.Snapshot(), connectors.Current), ControlJson.Options));

        group.MapGet("/connector", (CurrentsConnectorStore connectors) =>
            connectors.Current is { } connector
                ? Results.Json(CurrentsViews.Connector(connector), ControlJson.Options)
                : ControlJson.Error(StatusCodes.Status404NotFound, "no Currents connector is configured"));

        group.MapPut("/connector", async (HttpRequest request, CurrentsConnectorStore connectors, CurrentsSettings settings, CancellationToken ct) =>
        {
            var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var connector = CurrentsConnectorBody.Parse(body, settings.AllowRemoteTargets, errors);
            if (connector is null)
            {
                return ControlJson.Invalid(errors);
            }

            connectors.Set(connector);
            return Results.Json(CurrentsViews.Connector(connector), ControlJson.Options);
        });

        group.MapDelete("/connector", (CurrentsConnectorStore connectors) =>
        {
            connectors.Remove();
            return Results.NoContent();
        });

        group.MapPost("/campaigns", SendCampaignAsync);
    }

    private static async Task<IResult> SendCampaignAsync(
        HttpRequest request,
        SegmentCatalog segments,
        UserStore users,
        CurrentsConnectorStore connectors,
        CurrentsOutbox outbox,
        CurrentsSettings settings,
        CurrentsClock clock,
        CancellationToken ct)
    {
        var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        var campaign = CampaignRequestParser.Parse(body, errors);
        if (campaign is null)
        {
            return ControlJson.Invalid(errors);
        }

        if (segments.Find(campaign.Segment) is not { } segment)
        {
            return ControlJson.Error(StatusCodes.Status404NotFound, $"segment '{campaign.Segment}' not found");
        }

        if (connectors.Current is not { } connector)
        {
            return ControlJson.Error(
                StatusCodes.Status409Conflict, "no Currents connector is configured: PUT /_sandbox/currents/connector first");
        }

        var now = clock.Time.GetUtcNow();
        // Braze exports only users with an external_id (reference/mparticle.md §5).
        var recipients = users.VisibleUsers().All
            .Where(u => u.ExternalId is not null && segment.Compiled.Matches(u, now))
            .Select(u => new CampaignRecipient(u.ExternalId!, u.Email))
            .ToList();
        var plan = CampaignSimulator.Plan(campaign, recipients, connector, settings, now);
        if (!outbox.TryEnqueue(plan.Batches, plan.Send))
        {
            return ControlJson.Error(
                StatusCodes.Status409Conflict,
                $"the Currents queue cannot take {plan.Batches.Count} more events (capacity {outbox.Capacity}); wait for delivery or reset");
        }

        return Results.Json(CurrentsViews.Send(plan.Send, includeDetails: false), ControlJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
