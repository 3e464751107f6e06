using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>Number operators (reference/braze.md §5). A non-number value is treated like a missing one.</summary>
internal static class NumberConditions
{
    public static bool Matches(SegmentCondition condition, JsonNode? node)
    {
        var present = JsonScalars.TryGetNumber(node, out var number);
        var operand = condition.Number;
        return condition.Operator switch
        {
            SegmentOperator.IsBlank => JsonScalars.IsBlank(node),
            SegmentOperator.IsNotBlank => !JsonScalars.IsBlank(node),
            // "Exactly 0" and LESS THAN include users without a value (reference/braze.md §5).
            SegmentOperator.Exactly => present ? number == operand : operand == 0,
            SegmentOperator.LessThan => !present || number < operand,
            SegmentOperator.MoreThan => present && number > operand,
            SegmentOperator.DoesNotEqual => !present || number != operand,
            _ => false,
        };
    }
}
