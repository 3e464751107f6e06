using System.Text.RegularExpressions;

namespace Switchyard.Sandbox.Segments;

/// <summary>The parsed operand of a condition; only the members its operator needs are set.</summary>
internal sealed record SegmentOperand
{
    public IReadOnlyList<string> Texts { get; init; } = [];

    public double Number { get; init; }

    public Regex? Pattern { get; init; }

    public DateTimeOffset Instant { get; init; }

    public TimeSpan Span { get; init; }
}
