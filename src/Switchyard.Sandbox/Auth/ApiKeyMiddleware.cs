using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Auth;

/// <summary>
/// Authenticates Braze API routes early in the pipeline (after routing), so that stages placed after it, such as the
/// rate limiter, can read <see cref="SandboxAuthentication.ApiKeyItemKey"/>. Control routes carry no
/// <see cref="BrazeApiPermission"/> metadata and pass untouched.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var permission = context.GetEndpoint()?.Metadata.GetMetadata<BrazeApiPermission>();
        if (permission is not null && authenticator.Authenticate(context, permission.Name) is { } failure)
        {
            RateLimits.UncountedRateLimitHeaders.Apply(context);
            await failure.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
