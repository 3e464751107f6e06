using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Control;

/// <summary>JSON reading and error replies shared by the control endpoints (snake_case, like Braze's wire format).</summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// Reads the body as JSON with the same rules as the Braze routes (<see cref="RequestBodyReader"/>): a wrong content
    /// type, an oversized, empty or malformed body, text that does not decode or a repeated name yield an error result.
    /// </summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await RequestBodyReader.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return read.Problem is { } problem ? (null, Error(read.Status, problem)) : (read.Body, null);
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
