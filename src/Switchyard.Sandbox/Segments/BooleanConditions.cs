using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>Boolean operators (reference/braze.md §5). A non-boolean value is treated like a missing one.</summary>
internal static class BooleanConditions
{
    public static bool Matches(SegmentCondition condition, JsonNode? node)
    {
        var present = JsonScalars.TryGetBoolean(node, out var flag);
        return condition.Operator switch
        {
            SegmentOperator.IsBlank => JsonScalars.IsBlank(node),
            SegmentOperator.IsNotBlank => !JsonScalars.IsBlank(node),
            SegmentOperator.IsTrue => present && flag,
            SegmentOperator.IsFalse => present && !flag,
            SegmentOperator.IsTrueOrNotSet => !present || flag,
            SegmentOperator.IsFalseOrNotSet => !present || !flag,
            _ => false,
        };
    }
}
