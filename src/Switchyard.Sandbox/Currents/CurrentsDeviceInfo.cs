namespace Switchyard.Sandbox.Currents;

/// <summary>Only the platform of push events (mParticle spelling); email events carry an empty object.</summary>
internal sealed record CurrentsDeviceInfo(string? Platform);
