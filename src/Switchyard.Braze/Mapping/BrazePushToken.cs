namespace Switchyard.Braze.Mapping;

/// <summary>One entry of the <c>push_tokens</c> profile field (reference/braze.md §1.3); <see cref="AppId"/> is the App Identifier key.</summary>
public sealed record BrazePushToken(string AppId, string Token);
