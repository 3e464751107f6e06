using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Auth;

/// <summary>
/// The same check as <see cref="ApiKeyMiddleware"/>, attached to every Braze route so that a host which maps the
/// sandbox without the middleware is still protected. When the middleware already ran it only re-checks the permission.
/// </summary>
internal sealed class ApiKeyEndpointFilter(ApiKeyAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var permission = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<BrazeApiPermission>();
        if (permission is not null && authenticator.Authenticate(context.HttpContext, permission.Name) is { } failure)
        {
            RateLimits.UncountedRateLimitHeaders.Apply(context.HttpContext);
            return failure;
        }

        return await next(context).ConfigureAwait(false);
    }
}
