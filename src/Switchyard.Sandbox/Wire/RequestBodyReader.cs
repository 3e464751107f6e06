using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Wire;

/// <summary>
/// Reads a request body as JSON, for the Braze routes and the control routes alike. Enforces the 4 MB limit that Braze
/// applies to every endpoint (reference/braze.md §1.1, 413 above it), a JSON content type (or none; 415 otherwise) and
/// <see cref="JsonBodyRules"/>, and refuses repeated property names; anything malformed is a 400, never a 5xx.
/// </summary>
internal static class RequestBodyReader
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private const int MaxDepth = 128;

    // Duplicate property names are rejected while parsing: JsonObject would otherwise throw later, mid-request.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>A Braze route's body: a JSON object, or the Braze-shaped error answer.</summary>
    public static async Task<BodyReadResult> ReadObjectAsync(HttpContext context)
    {
        var read = await ReadJsonAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return BodyReadResult.Fail(WireResults.Message(read.Status, problem));
        }

        return read.Body is JsonObject obj
            ? BodyReadResult.Ok(obj)
            : BodyReadResult.Fail(WireResults.BadRequest("Request body must be a JSON object."));
    }

    /// <summary>The body as any JSON value, or the status and message to refuse it with.</summary>
    public static async Task<JsonBodyRead> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return JsonBodyRead.Refused(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{request.ContentType}'.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return JsonBodyRead.Refused(StatusCodes.Status400BadRequest, "Request body must be JSON; it is empty.");
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (JsonBodyRules.Problem(body, MaxDepth) is { } problem)
        {
            return JsonBodyRead.Refused(StatusCodes.Status400BadRequest, problem);
        }

        try
        {
            return new JsonBodyRead(JsonNode.Parse(body.Span, documentOptions: Options), StatusCodes.Status200OK, null);
        }
        catch (JsonException ex)
        {
            return JsonBodyRead.Refused(StatusCodes.Status400BadRequest, $"Request body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Braze requires <c>Content-Type: application/json</c> (reference/braze.md §1); none at all is let through.</summary>
    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && (string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || string.Equals(parsed.MediaType, "text/json", StringComparison.OrdinalIgnoreCase)));

    private static JsonBodyRead TooLarge() =>
        JsonBodyRead.Refused(StatusCodes.Status413PayloadTooLarge, "Request body is larger than 4 MB.");
}
