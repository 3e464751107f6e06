namespace Switchyard.Sandbox.Segments;

/// <summary>An AND or OR of child nodes.</summary>
internal sealed class SegmentGroup(bool isAnd, IReadOnlyList<SegmentNode> children) : SegmentNode
{
    public bool IsAnd { get; } = isAnd;

    public IReadOnlyList<SegmentNode> Children { get; } = children;

    public override bool Matches(ISegmentSubject subject, DateTimeOffset now) =>
        IsAnd
            ? Children.All(child => child.Matches(subject, now))
            : Children.Any(child => child.Matches(subject, now));
}
