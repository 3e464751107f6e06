namespace Switchyard.Sandbox.Users;

/// <summary>A push token from <c>push_tokens</c> (reference/braze.md §1.3); unique per app and token.</summary>
internal sealed record PushToken(string AppId, string Token, string? DeviceId);
