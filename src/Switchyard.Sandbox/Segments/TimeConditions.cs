using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Time operators (reference/braze.md §5). One day is 24 h counted from the moment of evaluation.
/// A value that is not a parseable date string is treated like a missing one.
/// </summary>
internal static class TimeConditions
{
    public static bool Matches(SegmentCondition condition, JsonNode? node, DateTimeOffset now)
    {
        var present = JsonScalars.TryGetTime(node, out var time);
        var span = condition.Span;
        return condition.Operator switch
        {
            SegmentOperator.IsBlank => JsonScalars.IsBlank(node),
            SegmentOperator.IsNotBlank => !JsonScalars.IsBlank(node),
            SegmentOperator.Before => present && time < condition.Instant,
            SegmentOperator.After => present && time > condition.Instant,
            SegmentOperator.MoreThanDaysAgo => present && time < now - span,
            SegmentOperator.LessThanDaysAgo => present && time > now - span && time <= now,
            SegmentOperator.InMoreThanDays => present && time > now + span,
            SegmentOperator.InLessThanDays => present && time >= now && time < now + span,
            _ => false,
        };
    }
}
