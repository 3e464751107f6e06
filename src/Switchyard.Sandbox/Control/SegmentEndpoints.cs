using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Control;

/// <summary><c>/_sandbox/segments</c>: define, list, read, delete and evaluate segments (docs/sandbox.md).</summary>
internal static class SegmentEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/segments", (SegmentCatalog catalog) =>
            Results.Json(new JsonObject { ["segments"] = new JsonArray([.. catalog.List().Select(View)]) }, ControlJson.Options));

        group.MapGet("/segments/{name}", (string name, SegmentCatalog catalog) =>
            catalog.Find(name) is { } definition ? Results.Json(View(definition), ControlJson.Options) : NotFound(name));

        group.MapPut("/segments/{name}", async (string name, HttpRequest request, SegmentCatalog catalog, CancellationToken ct) =>
        {
            var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var definition = catalog.Define(name, body, errors);
            return definition is null ? ControlJson.Invalid(errors) : Results.Json(View(definition), ControlJson.Options);
        });

        group.MapDelete("/segments/{name}", (string name, SegmentCatalog catalog) =>
            catalog.Remove(name) ? Results.NoContent() : NotFound(name));

        group.MapGet("/segments/{name}/members", (string name, HttpContext context, SegmentCatalog catalog, TimeProvider time) =>
            catalog.Find(name) is { } definition ? Members(name, definition.Compiled, context, time) : NotFound(name));

        group.MapPost("/segments/evaluate", async (HttpContext context, TimeProvider time) =>
        {
            var (body, error) = await ControlJson.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var filter = SegmentBodyParser.Parse(body, errors);
            return filter is null || errors.Count > 0 ? ControlJson.Invalid(errors) : Members(null, filter, context, time);
        });
    }

    private static IResult Members(string? name, SegmentNode filter, HttpContext context, TimeProvider time)
    {
        // The user store belongs to the host; without one there is nobody to evaluate.
        var users = context.RequestServices.GetService<ISandboxUserDirectory>();
        if (users is null)
        {
            return ControlJson.Error(StatusCodes.Status503ServiceUnavailable, "no ISandboxUserDirectory is registered");
        }

        var members = SegmentMembership.Evaluate(filter, users, time.GetUtcNow());
        var body = new JsonObject();
        if (name is not null)
        {
            body["segment"] = name;
        }

        body["count"] = members.Count;
        body["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
        {
            ["braze_id"] = m.BrazeId,
            ["external_id"] = m.ExternalId,
        })]);
        return Results.Json(body, ControlJson.Options);
    }

    private static JsonObject View(SegmentDefinition definition) => new()
    {
        ["name"] = definition.Name,
        ["filter"] = definition.Filter.DeepClone(),
        ["updated_at"] = definition.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static IResult NotFound(string name) =>
        ControlJson.Error(StatusCodes.Status404NotFound, $"segment '{name}' not found");
}
