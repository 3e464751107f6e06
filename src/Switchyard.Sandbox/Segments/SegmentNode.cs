namespace Switchyard.Sandbox.Segments;

/// <summary>A compiled node of a segment's filter tree: a group or a single condition.</summary>
internal abstract class SegmentNode
{
    /// <param name="subject">The user to test.</param>
    /// <param name="now">The moment of evaluation; relative time filters count 24 h days from it (reference/braze.md §5).</param>
    public abstract bool Matches(ISegmentSubject subject, DateTimeOffset now);
}
