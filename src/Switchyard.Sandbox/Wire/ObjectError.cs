namespace Switchyard.Sandbox.Wire;

/// <summary>One rejected object of a track request: <c>{"type","input_array","index"}</c> (reference/braze.md §1.7).</summary>
internal sealed record ObjectError(string Type, string InputArray, int Index);
