using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// Counts each Braze API request against its REST key's budget, adds the x-ratelimit headers and answers 429
/// once the window's budget is spent. Runs after authentication, so the bearer key is a known one.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimitLedger ledger, TimeProvider time)
{
    /// <summary>The 429 body text is a sandbox choice; Braze's is UNVERIFIED (reference/braze.md §1.7).</summary>
    public const string ExceededMessage = "API rate limit exceeded";

    public async Task InvokeAsync(HttpContext context)
    {
        // The Web SDK routes carry no REST key; Braze's REST rate limits do not apply to them.
        if (SandboxPaths.IsControl(context.Request.Path) || WebSdk.WebSdkPaths.IsWebSdk(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var limitClass = RateLimitClassifier.Classify(context.Request.Path);
        var decision = ledger.Acquire(BearerToken.Read(context.Request), limitClass);
        RateLimitHeaders.Apply(context.Response, decision.Limit, decision.Remaining, decision.ResetAt);
        if (decision.Allowed)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        RateLimitHeaders.ApplyRetryAfter(context.Response, decision.ResetAt, time.GetUtcNow());
        await BrazeErrorReply.WriteAsync(context, StatusCodes.Status429TooManyRequests, ExceededMessage).ConfigureAwait(false);
    }
}
