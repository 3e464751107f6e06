using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Faults;

/// <summary>Bodies of injected errors. Braze's exact texts for these are UNVERIFIED (reference/braze.md §1.7).</summary>
internal static class FaultMessages
{
    public static string For(int status) => status switch
    {
        429 => RateLimitMiddleware.ExceededMessage,
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
