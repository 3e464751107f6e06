using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// Neither the sandbox nor the service decodes a compressed body, so one would be read as if it were plain JSON (or
/// refused as garbage): both error middlewares refuse it as a whole, as RFC 9110 §15.5.16 suggests for an unsupported
/// content coding. Shared by the two rather than copied.
/// </summary>
internal static class ContentCodings
{
    /// <summary>The first content coding of the request other than <c>identity</c>, or null when the body is plain.</summary>
    public static string? Unsupported(HttpRequest request)
    {
        foreach (var value in request.Headers[HeaderNames.ContentEncoding])
        {
            foreach (var coding in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    return coding;
                }
            }
        }

        return null;
    }
}
