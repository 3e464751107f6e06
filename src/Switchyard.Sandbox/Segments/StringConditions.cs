using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>String operators (reference/braze.md §5). A non-string value is treated like a missing one.</summary>
internal static class StringConditions
{
    public static bool Matches(SegmentCondition condition, JsonNode? node)
    {
        var op = condition.Operator;
        if (op == SegmentOperator.IsBlank)
        {
            return JsonScalars.IsBlank(node);
        }

        if (op == SegmentOperator.IsNotBlank)
        {
            return !JsonScalars.IsBlank(node);
        }

        var present = JsonScalars.TryGetString(node, out var text);
        var texts = condition.Texts;
        return op switch
        {
            SegmentOperator.IsEqualTo => present && string.Equals(text, texts[0], StringComparison.Ordinal),
            // Braze documents DOES NOT EQUAL as not case-sensitive, unlike EQUALS (reference/braze.md §5).
            SegmentOperator.DoesNotEqual => !present || !string.Equals(text, texts[0], StringComparison.OrdinalIgnoreCase),
            SegmentOperator.MatchesRegex => present && SegmentRegex.IsMatch(condition.Pattern!, text),
            // DOES NOT MATCH REGEX excludes blank or missing values (reference/braze.md §5, Regex).
            SegmentOperator.DoesNotMatchRegex => present && text.Length > 0 && !SegmentRegex.IsMatch(condition.Pattern!, text),
            SegmentOperator.IsAnyOf => present && texts.Contains(text, StringComparer.Ordinal),
            SegmentOperator.IsNoneOf => !present || !texts.Contains(text, StringComparer.Ordinal),
            SegmentOperator.ContainsAnyOf => present && ContainsAny(text, texts),
            SegmentOperator.DoesNotContainAnyOf => !present || !ContainsAny(text, texts),
            _ => false,
        };
    }

    public static bool ContainsAny(string text, IReadOnlyList<string> parts) =>
        parts.Any(part => text.Contains(part, StringComparison.Ordinal));
}
