namespace Switchyard.Sandbox.Currents;

/// <summary>The sandbox's own clock (<c>SandboxOptions.TimeProvider</c>, else the host's) for the Currents pieces.</summary>
internal sealed record CurrentsClock(TimeProvider Time);
