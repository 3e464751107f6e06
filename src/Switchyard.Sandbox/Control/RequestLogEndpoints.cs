using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.RequestLog;

namespace Switchyard.Sandbox.Control;

/// <summary><c>/_sandbox/requests</c>: read and clear the request log (docs/sandbox.md).</summary>
internal static class RequestLogEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/requests", (HttpRequest request, RequestJournal journal) =>
        {
            var path = request.Query["path"].ToString();
            var limitText = request.Query["limit"].ToString();
            var limit = journal.Capacity;
            if (limitText.Length > 0 && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit < 1))
            {
                return ControlJson.Invalid([new FieldError("limit", "must be a whole number of at least 1")]);
            }

            var entries = journal.Read(path.Length == 0 ? null : path, limit);
            var body = new JsonObject
            {
                ["count"] = entries.Count,
                ["requests"] = JsonSerializer.SerializeToNode(entries, ControlJson.Options),
            };
            return Results.Json(body, ControlJson.Options);
        });

        group.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Reset();
            return Results.NoContent();
        });
    }
}
