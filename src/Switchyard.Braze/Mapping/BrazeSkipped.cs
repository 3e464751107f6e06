namespace Switchyard.Braze.Mapping;

/// <summary>Nothing is sent for this batch; callers count skips by <see cref="Reason"/>.</summary>
public sealed record BrazeSkipped(BrazeSkipReason Reason) : BrazeMappingOutcome;
