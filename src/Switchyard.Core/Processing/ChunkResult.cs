namespace Switchyard.Core.Processing;

/// <summary>What one chunk of a lane committed: its batches, the totals it added, and the batches it could not read.</summary>
public sealed record ChunkResult(int Batches, ProcessingTotals Totals, IReadOnlyList<(long Sequence, string Reason)> Unreadable)
{
    public static ChunkResult None { get; } = new(0, ProcessingTotals.Zero, []);
}
