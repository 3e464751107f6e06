using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// The x-ratelimit headers on answers given outside the rate limiter's path: 401 and 403 from the key check, an
/// unsupported <c>Content-Encoding</c> (415), injected faults, and error answers written after the response was cleared
/// (a body the client got wrong, a 500). Braze sends them on every answer (reference/braze.md §1.8), and a client
/// reading them after a refusal must not find them missing. Such a request is not counted against the budget here
/// (whether Braze counts it is UNVERIFIED). Control routes never carry them.
/// </summary>
internal static class UncountedRateLimitHeaders
{
    public static void Apply(HttpContext context)
    {
        if (context.Response.HasStarted || context.Response.Headers.ContainsKey(RateLimitHeaders.Limit)
            || SandboxPaths.IsControl(context.Request.Path)
            || context.RequestServices.GetService<RateLimitLedger>() is not { } ledger)
        {
            return;
        }

        var decision = ledger.Peek(BearerToken.Read(context.Request), RateLimitClassifier.Classify(context.Request.Path));
        RateLimitHeaders.Apply(context.Response, decision.Limit, decision.Remaining, decision.ResetAt);
    }
}
