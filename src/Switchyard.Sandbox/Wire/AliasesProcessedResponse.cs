namespace Switchyard.Sandbox.Wire;

/// <summary>Answer of <c>/users/alias/new</c> and <c>/users/identify</c> (reference/braze.md §2).</summary>
internal sealed record AliasesProcessedResponse(int AliasesProcessed, string Message);
