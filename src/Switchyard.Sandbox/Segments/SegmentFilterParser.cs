using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Turns filter JSON into a compiled tree. A node is either a group <c>{"and":[…]}</c> / <c>{"or":[…]}</c>
/// or a condition <c>{"attribute","operator","type"?,"value"?,"values"?}</c> (see <see cref="SegmentConditionParser"/>).
/// </summary>
internal static class SegmentFilterParser
{
    /// <summary>Deep enough for any hand-written segment, shallow enough that recursion stays cheap.</summary>
    public const int MaxDepth = 16;

    public static SegmentNode? Parse(JsonNode? node, string field, List<FieldError> errors) =>
        Parse(node, field, errors, depth: 0);

    private static SegmentNode? Parse(JsonNode? node, string field, List<FieldError> errors, int depth)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new(field, "must be an object: a group {\"and\":[…]} or {\"or\":[…]}, or a condition {\"attribute\",\"operator\",…}"));
            return null;
        }

        if (depth >= MaxDepth)
        {
            errors.Add(new(field, $"groups may nest at most {MaxDepth} levels deep"));
            return null;
        }

        var hasAnd = obj.ContainsKey("and");
        var hasOr = obj.ContainsKey("or");
        if (hasAnd && hasOr)
        {
            errors.Add(new(field, "a group has either \"and\" or \"or\", not both"));
            return null;
        }

        if (!hasAnd && !hasOr)
        {
            return SegmentConditionParser.Parse(obj, field, errors);
        }

        var key = hasAnd ? "and" : "or";
        if (obj[key] is not JsonArray items || items.Count == 0)
        {
            errors.Add(new($"{field}.{key}", "must be a non-empty array of filters"));
            return null;
        }

        var children = new List<SegmentNode>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var child = Parse(items[i], $"{field}.{key}[{i}]", errors, depth + 1);
            if (child is not null)
            {
                children.Add(child);
            }
        }

        return children.Count == items.Count ? new SegmentGroup(hasAnd, children) : null;
    }
}
