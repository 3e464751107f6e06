using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Sandbox.Control;

/// <summary>Maps the control API under <c>/_sandbox</c>; it needs no REST key (docs/sandbox.md).</summary>
public static class SandboxControlEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/_sandbox/segments…</c>, <c>/_sandbox/faults</c>, <c>/_sandbox/ratelimits</c> and
    /// <c>/_sandbox/requests</c>. <c>POST /_sandbox/reset</c> is the host's; it should call <c>SandboxControlReset.Reset()</c>.
    /// </summary>
    public static RouteGroupBuilder MapSandboxControl(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/_sandbox");
        SegmentEndpoints.Map(group);
        FaultEndpoints.Map(group);
        RateLimitEndpoints.Map(group);
        RequestLogEndpoints.Map(group);
        return group;
    }
}
