using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        group.MapGet("", (CurrentsOutbox outbox, CurrentsConnectorStore connectors) => Status(outbox.Snapshot(), connectors.Current));

        group.MapGet("/connector", (CurrentsConnectorStore connectors) =>
            connectors.Current is { } connector
                ? Results.Json(View(connector), ControlJson.Options)
                : ControlJson.Error(StatusCodes.Status404NotFound, "no Currents connector is configured"));

        group.MapPut("/connector", async (HttpRequest request, CurrentsConnectorStore connectors, CancellationToken ct) =>
        {
            var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var connector = ParseConnector(body, errors);
            if (connector is null)
            {
                return ControlJson.Invalid(errors);
            }

            connectors.Set(connector);
            return Results.Json(View(connector), ControlJson.Options);
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
        var recipients = users.Snapshot()
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

        return Results.Json(SendView(plan.Send, includeDetails: false), ControlJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static CurrentsConnector? ParseConnector(JsonNode? body, List<FieldError> errors)
    {
        if (body is not JsonObject root)
        {
            errors.Add(new("body", "must be a JSON object"));
            return null;
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("url" or "api_key" or "api_secret" or "environment"))
            {
                errors.Add(new(name, "is not a known field"));
            }
        }

        var url = Text(root, "url", errors);
        var key = Text(root, "api_key", errors);
        var secret = Text(root, "api_secret", errors);
        var environment = Text(root, "environment", errors);
        var checks = new List<FieldError>();
        var connector = CurrentsConnector.Create(url, key, secret, environment, "", checks);
        // A field that was not a string already has its error; a second one about the same field adds nothing.
        errors.AddRange([.. checks.Where(c => !errors.Exists(e => e.Field == c.Field))]);
        return errors.Count > 0 ? null : connector;
    }

    private static string? Text(JsonObject root, string field, List<FieldError> errors)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(field, "must be a string"));
            return null;
        }

        return node.GetValue<string>();
    }

    private static JsonObject View(CurrentsConnector connector) => new()
    {
        ["url"] = connector.Url.ToString(),
        ["api_key"] = connector.ApiKey,
        ["api_secret"] = BearerToken.Redact(connector.ApiSecret),
        ["environment"] = connector.Environment,
        ["one_batch_per_request"] = connector.OneBatchPerRequest,
    };

    private static IResult Status(CurrentsStatus status, CurrentsConnector? connector) =>
        Results.Json(
            new JsonObject
            {
                ["connector"] = connector is null ? null : View(connector),
                ["queued"] = status.Queued,
                ["delivered"] = status.Delivered,
                ["dropped"] = status.Dropped,
                ["attempts_failed"] = status.AttemptsFailed,
                ["last_error"] = status.LastError is { } e
                    ? new JsonObject
                    {
                        ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture),
                        ["status"] = e.Status,
                        ["message"] = e.Message,
                    }
                    : null,
                ["campaigns"] = new JsonArray([.. status.Campaigns.Select(c => (JsonNode)SendView(c, includeDetails: true))]),
            },
            ControlJson.Options);

    private static JsonObject SendView(CampaignSend send, bool includeDetails)
    {
        var view = new JsonObject
        {
            ["send_id"] = send.SendId,
            ["campaign_id"] = send.CampaignId,
        };
        if (includeDetails)
        {
            view["campaign_name"] = send.CampaignName;
            view["channel"] = send.Channel;
            view["segment"] = send.Segment;
            view["created_at"] = send.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
        }

        view["recipients"] = send.Recipients;
        view["events"] = new JsonObject
        {
            ["send"] = send.Events.Send,
            ["open"] = send.Events.Open,
            ["click"] = send.Events.Click,
            ["unsubscribe"] = send.Events.Unsubscribe,
        };
        return view;
    }
}
