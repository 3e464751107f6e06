using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Faults;

/// <summary>
/// Applies the first matching fault rule to a Braze API request: an error status with a Braze-like body, a delay
/// before normal handling, or a dropped connection. Runs before authentication, like a failing proxy would.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultSchedule schedule, RateLimitLedger rateLimits, TimeProvider time)
{
    /// <summary>Names the rule that produced a response, so a test can tell injected failures from real ones.</summary>
    public const string FaultHeader = "x-sandbox-fault";

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = SandboxPaths.IsControl(context.Request.Path) ? null : schedule.Take(context.Request.Path.Value);
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Features.Set(new InjectedFaultFeature(fault));
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;

            case FaultKind.Latency:
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), time, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                await next(context).ConfigureAwait(false);
                return;

            default:
                await WriteStatusAsync(context, fault).ConfigureAwait(false);
                return;
        }
    }

    private async Task WriteStatusAsync(HttpContext context, InjectedFault fault)
    {
        context.Response.Headers[FaultHeader] = fault.RuleId;
        if (fault.Status == StatusCodes.Status429TooManyRequests)
        {
            // An injected 429 looks like a real one: the class's limit, nothing remaining, the rule's reset time.
            var limit = rateLimits.Options.LimitFor(RateLimitClassifier.Classify(context.Request.Path.Value));
            RateLimitHeaders.Apply(context.Response, limit.Limit, 0, fault.ResetAt);
            RateLimitHeaders.ApplyRetryAfter(context.Response, fault.ResetAt, time.GetUtcNow());
        }
        else
        {
            UncountedRateLimitHeaders.Apply(context);
        }

        await BrazeErrorReply.WriteAsync(context, fault.Status, FaultMessages.For(fault.Status)).ConfigureAwait(false);
    }
}
