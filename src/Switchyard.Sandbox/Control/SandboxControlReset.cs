using Switchyard.Sandbox.Faults;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.RequestLog;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Control;

/// <summary>
/// Returns every control piece to its start state: no segments (also removed from disk), no faults, an empty request
/// log, the configured rate limits with fresh windows. The host calls <see cref="Reset"/> from <c>POST /_sandbox/reset</c>.
/// </summary>
internal sealed class SandboxControlReset(SegmentCatalog segments, FaultSchedule faults, RateLimitLedger rateLimits, RequestJournal requests)
{
    public void Reset()
    {
        segments.Reset();
        faults.Reset();
        rateLimits.Reset();
        requests.Reset();
    }
}
