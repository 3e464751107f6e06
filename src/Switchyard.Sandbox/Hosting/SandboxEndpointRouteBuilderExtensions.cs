using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Auth;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Currents;
using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Export;
using Switchyard.Sandbox.ExternalIds;
using Switchyard.Sandbox.Identity;
using Switchyard.Sandbox.Track;

namespace Switchyard.Sandbox.Hosting;

/// <summary>Maps the sandbox's Braze REST routes and its <c>/_sandbox/*</c> control routes.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/users/track</c>, <c>/users/export/ids</c>, <c>/users/delete</c>, <c>/users/alias/new</c>,
    /// <c>/users/alias/update</c>, <c>/users/identify</c>, <c>/users/merge</c>, <c>/users/external_ids/rename</c>,
    /// <c>/users/external_ids/remove</c> (REST key required), the Braze Web SDK's <c>/api/v3/*</c> routes (SDK key) and
    /// the control routes (no key).
    /// Returns the group of Braze routes so the host can add filters to them.
    /// </summary>
    public static IEndpointConventionBuilder MapSwitchyardSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var braze = endpoints.MapGroup(string.Empty);
        braze.AddEndpointFilter<ApiKeyEndpointFilter>();
        MapBraze<TrackEndpoint>(braze, "/users/track", SandboxPermissions.UsersTrack, (e, c) => e.HandleAsync(c));
        MapBraze<ExportEndpoint>(braze, "/users/export/ids", SandboxPermissions.UsersExportIds, (e, c) => e.HandleAsync(c));
        MapBraze<DeleteEndpoint>(braze, "/users/delete", SandboxPermissions.UsersDelete, (e, c) => e.HandleAsync(c));
        MapBraze<AliasNewEndpoint>(braze, "/users/alias/new", SandboxPermissions.UsersAliasNew, (e, c) => e.HandleAsync(c));
        MapBraze<AliasUpdateEndpoint>(braze, "/users/alias/update", SandboxPermissions.UsersAliasUpdate, (e, c) => e.HandleAsync(c));
        MapBraze<IdentifyEndpoint>(braze, "/users/identify", SandboxPermissions.UsersIdentify, (e, c) => e.HandleAsync(c));
        MapBraze<MergeEndpoint>(braze, "/users/merge", SandboxPermissions.UsersMerge, (e, c) => e.HandleAsync(c));
        MapBraze<ExternalIdRenameEndpoint>(braze, "/users/external_ids/rename", SandboxPermissions.UsersExternalIdsRename, (e, c) => e.HandleAsync(c));
        MapBraze<ExternalIdRemoveEndpoint>(braze, "/users/external_ids/remove", SandboxPermissions.UsersExternalIdsRemove, (e, c) => e.HandleAsync(c));

        WebSdk.WebSdkEndpoints.Map(endpoints);
        ControlEndpoints.Map(endpoints);
        DataPointEndpoints.Map(endpoints);
        CurrentsEndpoints.Map(endpoints);
        return braze;
    }

    /// <summary>
    /// Authenticates Braze routes in the middleware pipeline (after <c>UseRouting</c>), so later middleware such as the
    /// rate limiter can read <see cref="SandboxAuthentication.ApiKeyItemKey"/>. Optional: the routes check the key
    /// themselves when this is not used.
    /// </summary>
    public static IApplicationBuilder UseSwitchyardSandboxAuthentication(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiKeyMiddleware>();

    private static void MapBraze<TEndpoint>(RouteGroupBuilder group, string pattern, string permission, Func<TEndpoint, HttpContext, Task<IResult>> handle)
        where TEndpoint : notnull
    {
        // Typed as Delegate so minimal APIs write the returned IResult instead of treating this as a RequestDelegate.
        Delegate handler = (HttpContext context) => handle(context.RequestServices.GetRequiredService<TEndpoint>(), context);
        group.MapPost(pattern, handler)
            .WithMetadata(new BrazeApiPermission(permission));
    }
}
