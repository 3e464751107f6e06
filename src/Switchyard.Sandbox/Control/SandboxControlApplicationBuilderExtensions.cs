using Microsoft.AspNetCore.Builder;
using Switchyard.Sandbox.Faults;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.RequestLog;

namespace Switchyard.Sandbox.Control;

/// <summary>
/// The sandbox control middleware. Intended order, outermost first:
/// <see cref="UseSandboxRequestLog"/> → <see cref="UseSandboxFaults"/> → authentication (REST keys) →
/// <see cref="UseSandboxRateLimits"/> → routing/endpoints. The log then records faults, 401s and 429s alike;
/// faults hit before the key check as a failing proxy would; limits count only authenticated requests.
/// None of them touches <c>/_sandbox/*</c> routes.
/// </summary>
public static class SandboxControlApplicationBuilderExtensions
{
    /// <summary>Records Braze API requests in the bounded request log (first in the pipeline).</summary>
    public static IApplicationBuilder UseSandboxRequestLog(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLogMiddleware>();

    /// <summary>Applies fault rules added through <c>POST /_sandbox/faults</c> (after the request log, before auth).</summary>
    public static IApplicationBuilder UseSandboxFaults(this IApplicationBuilder app) =>
        app.UseMiddleware<FaultMiddleware>();

    /// <summary>Per-key fixed-window limits and x-ratelimit headers (after auth, before the endpoints).</summary>
    public static IApplicationBuilder UseSandboxRateLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<RateLimitMiddleware>();
}
