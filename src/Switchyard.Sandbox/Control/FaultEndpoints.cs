using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.Faults;

namespace Switchyard.Sandbox.Control;

/// <summary><c>/_sandbox/faults</c>: add, list and clear fault rules (docs/sandbox.md).</summary>
internal static class FaultEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/faults", async (HttpRequest request, FaultSchedule schedule, TimeProvider time, CancellationToken ct) =>
        {
            var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var rule = FaultRuleParser.Parse(body, time.GetUtcNow(), errors);
            if (rule is null)
            {
                return ControlJson.Invalid(errors);
            }

            var added = schedule.Add(rule);
            return Results.Json(View(added), ControlJson.Options, statusCode: StatusCodes.Status201Created);
        });

        group.MapGet("/faults", (FaultSchedule schedule) =>
            Results.Json(new JsonObject { ["faults"] = new JsonArray([.. schedule.Active().Select(r => (JsonNode)View(r))]) }, ControlJson.Options));

        group.MapDelete("/faults", (FaultSchedule schedule) =>
        {
            schedule.Reset();
            return Results.NoContent();
        });

        group.MapDelete("/faults/{id}", (string id, FaultSchedule schedule) =>
            schedule.Remove(id) ? Results.NoContent() : ControlJson.Error(StatusCodes.Status404NotFound, $"fault '{id}' not found"));
    }

    private static JsonObject View(FaultRule rule)
    {
        var view = new JsonObject
        {
            ["id"] = rule.Id,
            ["kind"] = rule.Kind.ToString().ToLowerInvariant(),
        };
        if (rule.Kind == FaultKind.Status)
        {
            view["status"] = rule.Status;
        }

        if (rule.Kind == FaultKind.Latency)
        {
            view["latency_ms"] = rule.LatencyMs;
        }

        view["path"] = rule.Path;
        view["remaining"] = rule.Remaining;
        view["until"] = rule.Until?.ToString("O", CultureInfo.InvariantCulture);
        view["retry_after_seconds"] = rule.RetryAfterSeconds;
        view["applied"] = rule.Applied;
        view["created_at"] = rule.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
        return view;
    }
}
