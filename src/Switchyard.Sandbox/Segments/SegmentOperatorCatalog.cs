namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Wire names of the filter operators and the attribute types each one is valid for (reference/braze.md §5).
/// Names are Braze's dashboard labels in snake_case.
/// </summary>
internal static class SegmentOperatorCatalog
{
    private static readonly SegmentAttributeType[] Str = [SegmentAttributeType.String];
    private static readonly SegmentAttributeType[] Num = [SegmentAttributeType.Number];
    private static readonly SegmentAttributeType[] Bool = [SegmentAttributeType.Boolean];
    private static readonly SegmentAttributeType[] Arr = [SegmentAttributeType.Array];
    private static readonly SegmentAttributeType[] Time = [SegmentAttributeType.Time];

    private static readonly SegmentAttributeType[] Scalars =
        [SegmentAttributeType.String, SegmentAttributeType.Number, SegmentAttributeType.Boolean, SegmentAttributeType.Time];

    private static readonly Dictionary<string, SegmentOperatorEntry> ByName = new(StringComparer.Ordinal)
    {
        ["equals"] = new(SegmentOperator.IsEqualTo, SegmentOperandShape.Single, Str),
        ["does_not_equal"] = new(SegmentOperator.DoesNotEqual, SegmentOperandShape.Single, [SegmentAttributeType.String, SegmentAttributeType.Number]),
        ["matches_regex"] = new(SegmentOperator.MatchesRegex, SegmentOperandShape.Regex, [SegmentAttributeType.String, SegmentAttributeType.Array]),
        ["does_not_match_regex"] = new(SegmentOperator.DoesNotMatchRegex, SegmentOperandShape.Regex, Str),
        ["is_blank"] = new(SegmentOperator.IsBlank, SegmentOperandShape.None, Scalars),
        ["is_not_blank"] = new(SegmentOperator.IsNotBlank, SegmentOperandShape.None, Scalars),
        ["is_any_of"] = new(SegmentOperator.IsAnyOf, SegmentOperandShape.Many, Str),
        ["is_none_of"] = new(SegmentOperator.IsNoneOf, SegmentOperandShape.Many, Str),
        ["contains_any_of"] = new(SegmentOperator.ContainsAnyOf, SegmentOperandShape.Many, Str),
        ["does_not_contain_any_of"] = new(SegmentOperator.DoesNotContainAnyOf, SegmentOperandShape.Many, Str),
        ["exactly"] = new(SegmentOperator.Exactly, SegmentOperandShape.Single, Num),
        ["more_than"] = new(SegmentOperator.MoreThan, SegmentOperandShape.Single, Num),
        ["less_than"] = new(SegmentOperator.LessThan, SegmentOperandShape.Single, Num),
        ["is_true"] = new(SegmentOperator.IsTrue, SegmentOperandShape.None, Bool),
        ["is_false"] = new(SegmentOperator.IsFalse, SegmentOperandShape.None, Bool),
        ["is_true_or_not_set"] = new(SegmentOperator.IsTrueOrNotSet, SegmentOperandShape.None, Bool),
        ["is_false_or_not_set"] = new(SegmentOperator.IsFalseOrNotSet, SegmentOperandShape.None, Bool),
        ["includes_value"] = new(SegmentOperator.IncludesValue, SegmentOperandShape.Single, Arr),
        ["does_not_include_value"] = new(SegmentOperator.DoesNotIncludeValue, SegmentOperandShape.Single, Arr),
        ["includes_any_of"] = new(SegmentOperator.IncludesAnyOf, SegmentOperandShape.Many, Arr),
        ["includes_none_of"] = new(SegmentOperator.IncludesNoneOf, SegmentOperandShape.Many, Arr),
        ["has_a_value"] = new(SegmentOperator.HasAValue, SegmentOperandShape.None, Arr),
        ["is_empty"] = new(SegmentOperator.IsEmpty, SegmentOperandShape.None, Arr),
        ["is_all_of"] = new(SegmentOperator.IsAllOf, SegmentOperandShape.Many, Arr),
        ["is_not_all_of"] = new(SegmentOperator.IsNotAllOf, SegmentOperandShape.Many, Arr),
        ["values_contain_any_of"] = new(SegmentOperator.ValuesContainAnyOf, SegmentOperandShape.Many, Arr),
        ["values_do_not_contain_any_of"] = new(SegmentOperator.ValuesDoNotContainAnyOf, SegmentOperandShape.Many, Arr),
        ["before"] = new(SegmentOperator.Before, SegmentOperandShape.Date, Time),
        ["after"] = new(SegmentOperator.After, SegmentOperandShape.Date, Time),
        ["more_than_days_ago"] = new(SegmentOperator.MoreThanDaysAgo, SegmentOperandShape.Days, Time),
        ["less_than_days_ago"] = new(SegmentOperator.LessThanDaysAgo, SegmentOperandShape.Days, Time),
        ["in_more_than_days"] = new(SegmentOperator.InMoreThanDays, SegmentOperandShape.Days, Time),
        ["in_less_than_days"] = new(SegmentOperator.InLessThanDays, SegmentOperandShape.Days, Time),
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryFind(string name, out SegmentOperatorEntry entry) => ByName.TryGetValue(name, out entry!);
}
