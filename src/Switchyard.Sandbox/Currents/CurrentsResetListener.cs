using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// <c>POST /_sandbox/reset</c> empties the Currents queue, its counters and the send history. The connector stays: it
/// is configuration, like the rate limits, not state a test produces.
/// </summary>
internal sealed class CurrentsResetListener(CurrentsOutbox outbox) : ISandboxResetListener
{
    public ValueTask OnSandboxResetAsync(CancellationToken cancellationToken)
    {
        outbox.Reset();
        return ValueTask.CompletedTask;
    }
}
