using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Switchyard.Json;

namespace Switchyard.Admin;

/// <summary>
/// Guards every admin route: <c>Authorization: Bearer &lt;admin token&gt;</c>, compared as SHA-256 hashes in constant
/// time. Missing → 401, wrong → 403, as on the Events API.
/// </summary>
internal sealed class AdminTokenFilter(AdminSettings settings, Ingest.AuthRefusals refusals) : IEndpointFilter
{
    private const string Target = "the admin API";

    private readonly byte[] _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? header = context.HttpContext.Request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(header) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            refusals.Refused(Target, StatusCodes.Status401Unauthorized);
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"switchyard-admin\"";
            return ErrorResponses.Result(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The admin API needs 'Authorization: Bearer <admin token>'.");
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _tokenHash))
        {
            refusals.Refused(Target, StatusCodes.Status403Forbidden);
            return ErrorResponses.Result(StatusCodes.Status403Forbidden, "FORBIDDEN", "The admin token is not valid.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
