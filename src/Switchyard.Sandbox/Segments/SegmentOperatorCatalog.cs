namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Wire names of the filter operators and the attribute types each one is valid for (reference/braze.md §5).
/// Names are Braze's dashboard labels in snake_case.
/// </summary>
internal static class SegmentOperatorCatalog
{
    private static readonly SegmentAttributeType[] StrType = [SegmentAttributeType.String];
    private static readonly SegmentAttributeType[] NumType = [SegmentAttributeType.Number];
    private static readonly SegmentAttributeType[] BoolType = [SegmentAttributeType.Boolean];
    private static readonly SegmentAttributeType[] ArrType = [SegmentAttributeType.Array];
    private static readonly SegmentAttributeType[] TimeType = [SegmentAttributeType.Time];

    private static readonly SegmentAttributeType[] Scalars =
        [SegmentAttributeType.String, SegmentAttributeType.Number, SegmentAttributeType.Boolean, SegmentAttributeType.Time];

    private static readonly Dictionary<string, SegmentOperatorEntry> ByName = new(StringComparer.Ordinal)
    {
        ["equals"] = new(SegmentOperator.IsEqualTo, SegmentOperandShape.Single, StrType),
        ["does_not_equal"] = new(SegmentOperator.DoesNotEqual, SegmentOperandShape.Single, [SegmentAttributeType.String, SegmentAttributeType.Number]),
        ["matches_regex"] = new(SegmentOperator.MatchesRegex, SegmentOperandShape.Regex, [SegmentAttributeType.String, SegmentAttributeType.Array]),
        ["does_not_match_regex"] = new(SegmentOperator.DoesNotMatchRegex, SegmentOperandShape.Regex, StrType),
        ["is_blank"] = new(SegmentOperator.IsBlank, SegmentOperandShape.None, Scalars),
        ["is_not_blank"] = new(SegmentOperator.IsNotBlank, SegmentOperandShape.None, Scalars),
        ["is_any_of"] = new(SegmentOperator.IsAnyOf, SegmentOperandShape.Many, StrType),
        ["is_none_of"] = new(SegmentOperator.IsNoneOf, SegmentOperandShape.Many, StrType),
        ["contains_any_of"] = new(SegmentOperator.ContainsAnyOf, SegmentOperandShape.Many, StrType),
        ["does_not_contain_any_of"] = new(SegmentOperator.DoesNotContainAnyOf, SegmentOperandShape.Many, StrType),
        ["exactly"] = new(SegmentOperator.Exactly, SegmentOperandShape.Single, NumType),
        ["more_than"] = new(SegmentOperator.MoreThan, SegmentOperandShape.Single, NumType),
        ["less_than"] = new(SegmentOperator.LessThan, SegmentOperandShape.Single, NumType),
        ["is_true"] = new(SegmentOperator.IsTrue, SegmentOperandShape.None, BoolType),
        ["is_false"] = new(SegmentOperator.IsFalse, SegmentOperandShape.None, BoolType),
        ["is_true_or_not_set"] = new(SegmentOperator.IsTrueOrNotSet, SegmentOperandShape.None, BoolType),
        ["is_false_or_not_set"] = new(SegmentOperator.IsFalseOrNotSet, SegmentOperandShape.None, BoolType),
        ["includes_value"] = new(SegmentOperator.IncludesValue, SegmentOperandShape.Single, ArrType),
        ["does_not_include_value"] = new(SegmentOperator.DoesNotIncludeValue, SegmentOperandShape.Single, ArrType),
        ["includes_any_of"] = new(SegmentOperator.IncludesAnyOf, SegmentOperandShape.Many, ArrType),
        ["includes_none_of"] = new(SegmentOperator.IncludesNoneOf, SegmentOperandShape.Many, ArrType),
        ["has_a_value"] = new(SegmentOperator.HasAValue, SegmentOperandShape.None, ArrType),
        ["is_empty"] = new(SegmentOperator.IsEmpty, SegmentOperandShape.None, ArrType),
        ["is_all_of"] = new(SegmentOperator.IsAllOf, SegmentOperandShape.Many, ArrType),
        ["is_not_all_of"] = new(SegmentOperator.IsNotAllOf, SegmentOperandShape.Many, ArrType),
        ["values_contain_any_of"] = new(SegmentOperator.ValuesContainAnyOf, SegmentOperandShape.Many, ArrType),
        ["values_do_not_contain_any_of"] = new(SegmentOperator.ValuesDoNotContainAnyOf, SegmentOperandShape.Many, ArrType),
        ["before"] = new(SegmentOperator.Before, SegmentOperandShape.Date, TimeType),
        ["after"] = new(SegmentOperator.After, SegmentOperandShape.Date, TimeType),
        ["more_than_days_ago"] = new(SegmentOperator.MoreThanDaysAgo, SegmentOperandShape.Days, TimeType),
        ["less_than_days_ago"] = new(SegmentOperator.LessThanDaysAgo, SegmentOperandShape.Days, TimeType),
        ["in_more_than_days"] = new(SegmentOperator.InMoreThanDays, SegmentOperandShape.Days, TimeType),
        ["in_less_than_days"] = new(SegmentOperator.InLessThanDays, SegmentOperandShape.Days, TimeType),
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryFind(string name, out SegmentOperatorEntry entry) => ByName.TryGetValue(name, out entry!);
}
