namespace Switchyard.Sandbox;

internal static class SandboxMarker;
