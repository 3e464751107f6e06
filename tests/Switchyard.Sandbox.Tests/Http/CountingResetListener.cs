using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary>A reset listener that only counts calls, standing in for the segment, fault and rate-limit components.</summary>
internal sealed class CountingResetListener : ISandboxResetListener
{
    public int Resets { get; private set; }

    public ValueTask OnSandboxResetAsync(CancellationToken cancellationToken)
    {
        Resets++;
        return ValueTask.CompletedTask;
    }
}
