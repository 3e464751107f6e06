namespace Switchyard.Core.Processing;

/// <summary>A batch that failed on its own and was passed over: it stays in the inbox, the lane moved past it.</summary>
public sealed record PassedOverBatch(long Sequence, Exception Failure);
