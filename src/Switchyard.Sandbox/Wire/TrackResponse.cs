namespace Switchyard.Sandbox.Wire;

/// <summary>Answer of <c>/users/track</c>; counts are present only for arrays the request carried (reference/braze.md §1.7).</summary>
internal sealed record TrackResponse(
    string Message,
    int? AttributesProcessed,
    int? EventsProcessed,
    int? PurchasesProcessed,
    IReadOnlyList<ObjectError>? Errors);
