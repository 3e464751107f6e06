using Microsoft.AspNetCore.Builder;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Hosting;

/// <summary>The whole sandbox pipeline in the order its parts rely on.</summary>
public static class SandboxApplicationExtensions
{
    /// <summary>
    /// JSON error answers (so every failure below gets one) → the control token on <c>/_sandbox/*</c> when one is set
    /// → request log (sees every request) → Web SDK CORS (preflights answered, allowed origins checked, so injected
    /// faults on <c>/api/v3/*</c> carry CORS headers too) → fault injection
    /// (before anything else answers) → REST-key authentication → per-key rate limits (keyed on the authenticated
    /// key) → the Braze routes and the <c>/_sandbox</c> control routes. Requires <see cref="SandboxServiceCollectionExtensions.AddSwitchyardSandbox"/>.
    /// </summary>
    public static WebApplication UseSwitchyardSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SandboxErrorMiddleware>();
        app.UseMiddleware<ControlTokenMiddleware>();
        app.UseRouting();
        app.UseSandboxRequestLog();
        app.UseMiddleware<WebSdk.WebSdkCorsMiddleware>();
        app.UseSandboxFaults();
        app.UseSwitchyardSandboxAuthentication();
        app.UseSandboxRateLimits();
        app.MapSwitchyardSandbox();
        app.MapSandboxControl();
        return app;
    }
}
