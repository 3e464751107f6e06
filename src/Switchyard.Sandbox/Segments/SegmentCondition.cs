using System.Text.Json;
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
    /// The types the filter may take from the stored value: set when the filter named no <c>type</c> and its operator
    /// fits several types whose operand is the same (<c>matches_regex</c>: string or array; <c>is_blank</c> and
    /// <c>is_not_blank</c>: string, number, boolean or time). A stored value of one of these kinds is then compared as
    /// that type, whatever type the operator defaulted to, because in Braze the attribute's data type decides the
    /// filter, not the filter's wording. Empty: <see cref="Type"/> always applies.
    /// </summary>
    public IReadOnlyList<SegmentAttributeType> StoredTypes { get; init; } = [];

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
        TypeFor(value) switch
        {
            SegmentAttributeType.String => StringConditions.Matches(this, value),
            SegmentAttributeType.Number => NumberConditions.Matches(this, value),
            SegmentAttributeType.Boolean => BooleanConditions.Matches(this, value),
            SegmentAttributeType.Array => ArrayConditions.Matches(this, value),
            SegmentAttributeType.Time => TimeConditions.Matches(this, value, now),
            _ => false,
        };

    /// <summary>The stored value's own type when the filter follows it (see <see cref="StoredTypes"/>), else <see cref="Type"/>.</summary>
    private SegmentAttributeType TypeFor(JsonNode? value)
    {
        var stored = value switch
        {
            JsonArray => SegmentAttributeType.Array,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => SegmentAttributeType.Number,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => SegmentAttributeType.Boolean,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => SegmentAttributeType.String,
            _ => Type,
        };
        return StoredTypes.Contains(stored) ? stored : Type;
    }
}
