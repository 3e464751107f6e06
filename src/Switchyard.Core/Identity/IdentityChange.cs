namespace Switchyard.Core.Identity;

/// <summary>One entry of a modify call: <c>OldValue</c> null adds, <c>NewValue</c> null removes, both set changes.</summary>
public sealed record IdentityChange(string IdentityType, string? OldValue, string? NewValue);
