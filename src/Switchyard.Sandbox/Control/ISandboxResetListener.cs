namespace Switchyard.Sandbox.Control;

/// <summary>
/// Implemented by sandbox components that hold their own state (segments, faults, rate limits, request log) and must
/// clear it on <c>POST /_sandbox/reset</c>. Register implementations in DI as <see cref="ISandboxResetListener"/>.
/// </summary>
public interface ISandboxResetListener
{
    /// <summary>Called after users and data points have been cleared.</summary>
    ValueTask OnSandboxResetAsync(CancellationToken cancellationToken);
}
