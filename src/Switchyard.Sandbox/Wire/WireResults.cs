using Microsoft.AspNetCore.Http;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Wire;

/// <summary>Builds JSON results with the source-generated context.</summary>
internal static class WireResults
{
    public static IResult Message(int status, string message) =>
        Results.Json(new MessageResponse(message), SandboxJsonContext.Wire.MessageResponse, statusCode: status);

    public static IResult BadRequest(string message) => Message(StatusCodes.Status400BadRequest, message);

    // Dynamic documents are written without HTML-safe escaping ("+" stays "+"): this is an API, not a web page.
    private static readonly JsonSerializerOptions NodeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Node(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(NodeOptions), "application/json", System.Text.Encoding.UTF8, status);
}
