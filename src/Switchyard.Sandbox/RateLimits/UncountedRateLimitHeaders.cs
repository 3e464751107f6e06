using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// The x-ratelimit headers on answers given before the rate limiter runs (401 and 403 from the key check): Braze sends
/// them on every answer (reference/braze.md §1.8), and a client reading them after a refused key must not find them
/// missing. Such a request is not counted against the budget (whether Braze counts it is UNVERIFIED).
/// </summary>
internal static class UncountedRateLimitHeaders
{
    public static void Apply(HttpContext context)
    {
        if (context.Response.HasStarted || context.Response.Headers.ContainsKey(RateLimitHeaders.Limit)
            || context.RequestServices.GetService<RateLimitLedger>() is not { } ledger)
        {
            return;
        }

        var decision = ledger.Peek(BearerToken.Read(context.Request), RateLimitClassifier.Classify(context.Request.Path));
        RateLimitHeaders.Apply(context.Response, decision.Limit, decision.Remaining, decision.ResetAt);
    }
}
