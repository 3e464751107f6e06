namespace Switchyard.Sandbox.Users;

/// <summary>A user alias; a user holds at most one alias per label (reference/braze.md §1.2).</summary>
internal readonly record struct UserAlias(string Label, string Name);
