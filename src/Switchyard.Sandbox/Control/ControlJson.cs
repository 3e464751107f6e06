using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Control;

/// <summary>JSON reading and error replies shared by the control endpoints (snake_case, like Braze's wire format).</summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Reads the body as JSON; an empty or malformed body yields a 400 result instead.</summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (body, null);
        }
        catch (JsonException e)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"request body is not valid JSON: {e.Message}"));
        }
    }

    public static IResult Error(int status, string message, IReadOnlyList<FieldError>? errors = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (errors is { Count: > 0 })
        {
            var items = new JsonArray();
            foreach (var error in errors)
            {
                items.Add(new JsonObject { ["field"] = error.Field, ["message"] = error.Message });
            }

            body["errors"] = items;
        }

        return Results.Json(body, Options, statusCode: status);
    }

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Error(
            StatusCodes.Status400BadRequest,
            errors.Count == 1 ? $"{errors[0].Field}: {errors[0].Message}" : $"{errors.Count} fields are invalid",
            errors);
}
