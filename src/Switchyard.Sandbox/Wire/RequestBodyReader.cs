using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Wire;

/// <summary>
/// Reads a Braze request body as a JSON object. Enforces the 4 MB limit that Braze applies to every endpoint
/// (reference/braze.md §1.1, 413 above it) and turns malformed JSON into a 400, never a 5xx.
/// </summary>
internal static class RequestBodyReader
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    // Duplicate property names are rejected while parsing: JsonObject would otherwise throw later, mid-request.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    public static async Task<BodyReadResult> ReadObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return BodyReadResult.Fail(TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return BodyReadResult.Fail(TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return BodyReadResult.Fail(WireResults.BadRequest("Request body must be a JSON object."));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: Options);
        }
        catch (JsonException ex)
        {
            return BodyReadResult.Fail(WireResults.BadRequest($"Request body is not valid JSON: {ex.Message}"));
        }

        return node is JsonObject obj
            ? BodyReadResult.Ok(obj)
            : BodyReadResult.Fail(WireResults.BadRequest("Request body must be a JSON object."));
    }

    private static IResult TooLarge() =>
        WireResults.Message(StatusCodes.Status413PayloadTooLarge, "Request body is larger than 4 MB.");
}
