using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Control;

/// <summary>
/// Guards every <c>/_sandbox/*</c> route with the control token when the sandbox has one
/// (<see cref="SandboxOptions.ControlToken"/>, generated when it listens on every address):
/// <c>Authorization: Bearer &lt;token&gt;</c>, compared as SHA-256 hashes in constant time; anything else is a 401.
/// Braze routes are not touched: they take their REST key.
/// </summary>
internal sealed class ControlTokenMiddleware(RequestDelegate next, SandboxSettings settings)
{
    private readonly byte[]? _tokenHash = settings.ControlToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_tokenHash is null || !SandboxPaths.IsControl(context.Request.Path) || Presents(context.Request, _tokenHash))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"switchyard-sandbox-control\"";
        return WireResults.Message(StatusCodes.Status401Unauthorized,
            "The control API needs 'Authorization: Bearer <control token>' (printed when the sandbox started).").ExecuteAsync(context);
    }

    private static bool Presents(HttpRequest request, byte[] tokenHash)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), tokenHash);
    }
}
