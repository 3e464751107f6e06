namespace Switchyard.Sandbox.Wire;

/// <summary>Answer of <c>/users/delete</c> (reference/braze.md §2).</summary>
internal sealed record DeleteResponse(int Deleted, string Message);
