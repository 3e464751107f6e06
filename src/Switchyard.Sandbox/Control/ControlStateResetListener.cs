namespace Switchyard.Sandbox.Control;

/// <summary>Makes <c>POST /_sandbox/reset</c> also clear segments, faults, the request log and rate-limit windows.</summary>
internal sealed class ControlStateResetListener(SandboxControlReset reset) : ISandboxResetListener
{
    public ValueTask OnSandboxResetAsync(CancellationToken cancellationToken)
    {
        reset.Reset();
        return ValueTask.CompletedTask;
    }
}
