using System.Text;
using Microsoft.AspNetCore.Http;
using Switchyard.Json;

namespace Switchyard.Admin;

/// <summary>
/// Reads an admin request's JSON body once, for every admin route that takes one: a content type other than JSON is a
/// 415, a body over the route's limit a 413, and one that breaks <see cref="JsonBodyRules"/> a 400, so the route's own
/// parser only ever sees well-formed Unicode text.
/// </summary>
internal static class AdminRequestBody
{
    // Deeper than any admin document needs (audience criteria nest 16 levels, two JSON levels each).
    private const int MaxDepth = 64;

    /// <summary>The body as text (empty when there is none), or the error answer to send instead.</summary>
    public static async Task<(string? Json, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!JsonContentType.IsJson(request.ContentType))
        {
            return (null, ErrorResponses.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type must be application/json, not '{request.ContentType}'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? 4096)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var body = buffer.AsMemory(0, length);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return ("", null);
        }

        return JsonBodyRules.Problem(body, MaxDepth) is { } problem
            ? (null, ErrorResponses.Result(StatusCodes.Status400BadRequest, "BAD_REQUEST", problem))
            : (Encoding.UTF8.GetString(body.Span), null);
    }

    private static IResult TooLarge(int maxBytes) =>
        ErrorResponses.Result(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The body may be at most {maxBytes / 1024} KB.");
}
