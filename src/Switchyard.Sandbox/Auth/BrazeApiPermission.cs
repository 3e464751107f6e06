namespace Switchyard.Sandbox.Auth;

/// <summary>Endpoint metadata marking a Braze REST route and the permission it needs.</summary>
internal sealed record BrazeApiPermission(string Name);
