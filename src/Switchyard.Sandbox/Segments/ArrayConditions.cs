using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Array operators (reference/braze.md §5). Elements compare by <see cref="JsonScalars.ScalarText"/>,
/// case-sensitive; a value that is not an array is treated like a missing one.
/// </summary>
internal static class ArrayConditions
{
    public static bool Matches(SegmentCondition condition, JsonNode? node)
    {
        var elements = node is JsonArray array
            ? array.Select(JsonScalars.ScalarText).OfType<string>().ToList()
            : [];
        var texts = condition.Texts;
        return condition.Operator switch
        {
            SegmentOperator.IncludesValue => elements.Contains(texts[0], StringComparer.Ordinal),
            SegmentOperator.DoesNotIncludeValue => !elements.Contains(texts[0], StringComparer.Ordinal),
            SegmentOperator.IncludesAnyOf => texts.Any(t => elements.Contains(t, StringComparer.Ordinal)),
            SegmentOperator.IncludesNoneOf => !texts.Any(t => elements.Contains(t, StringComparer.Ordinal)),
            SegmentOperator.IsAllOf => texts.All(t => elements.Contains(t, StringComparer.Ordinal)),
            SegmentOperator.IsNotAllOf => !texts.All(t => elements.Contains(t, StringComparer.Ordinal)),
            SegmentOperator.MatchesRegex => elements.Any(e => SegmentRegex.IsMatch(condition.Pattern!, e)),
            SegmentOperator.ValuesContainAnyOf => elements.Any(e => StringConditions.ContainsAny(e, texts)),
            SegmentOperator.ValuesDoNotContainAnyOf => !elements.Any(e => StringConditions.ContainsAny(e, texts)),
            SegmentOperator.HasAValue => elements.Count > 0,
            // IS EMPTY covers both an empty array and a missing attribute (reference/braze.md §5).
            SegmentOperator.IsEmpty => elements.Count == 0,
            _ => false,
        };
    }
}
