using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Sandbox.Segments;

/// <summary>One validated filter: attribute, type, operator and its parsed operand.</summary>
internal sealed class SegmentCondition : SegmentNode
{
    public required string Attribute { get; init; }

    public required SegmentAttributePath Path { get; init; }

    public required SegmentAttributeType Type { get; init; }

    public required SegmentOperator Operator { get; init; }

    /// <summary>
    /// True when the filter named no <c>type</c> and its operator also fits arrays: a stored array is then compared as an
    /// array, whatever type the operator defaulted to, because Braze decides by the attribute's type, not the filter's.
    /// </summary>
    public bool FollowsStoredArray { get; init; }

    /// <summary>The operand of single- and multi-value operators, as text (numbers are kept in <see cref="Number"/>).</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];

    public double Number { get; init; }

    public Regex? Pattern { get; init; }

    public DateTimeOffset Instant { get; init; }

    public TimeSpan Span { get; init; }

    public override bool Matches(ISegmentSubject subject, DateTimeOffset now)
    {
        var candidates = Path.Resolve(subject);
        return candidates.Count == 0 ? MatchesValue(null, now) : candidates.Any(value => MatchesValue(value, now));
    }

    private bool MatchesValue(JsonNode? value, DateTimeOffset now) =>
        (FollowsStoredArray && value is JsonArray ? SegmentAttributeType.Array : Type) switch
        {
            SegmentAttributeType.String => StringConditions.Matches(this, value),
            SegmentAttributeType.Number => NumberConditions.Matches(this, value),
            SegmentAttributeType.Boolean => BooleanConditions.Matches(this, value),
            SegmentAttributeType.Array => ArrayConditions.Matches(this, value),
            SegmentAttributeType.Time => TimeConditions.Matches(this, value, now),
            _ => false,
        };
}
