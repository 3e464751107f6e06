namespace Switchyard.Sandbox.Wire;

/// <summary><c>{"message": "..."}</c>, Braze's shape for simple successes and errors (reference/braze.md §1.7).</summary>
internal sealed record MessageResponse(string Message);
