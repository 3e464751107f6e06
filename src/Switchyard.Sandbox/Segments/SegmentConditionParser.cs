using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Segments;

/// <summary>Validates one condition and compiles its operand (regexes at definition time, so a bad one is a 400).</summary>
internal static class SegmentConditionParser
{
    /// <summary>Braze's limit for multi-value operators (reference/braze.md §5).</summary>
    public const int MaxValues = 256;

    private static readonly Dictionary<string, SegmentAttributeType> TypeNames = new(StringComparer.Ordinal)
    {
        ["string"] = SegmentAttributeType.String,
        ["number"] = SegmentAttributeType.Number,
        ["boolean"] = SegmentAttributeType.Boolean,
        ["array"] = SegmentAttributeType.Array,
        ["time"] = SegmentAttributeType.Time,
    };

    public static SegmentCondition? Parse(JsonObject obj, string field, List<FieldError> errors)
    {
        var before = errors.Count;
        if (!JsonScalars.TryGetString(obj["attribute"], out var attribute) || attribute.Length == 0)
        {
            errors.Add(new($"{field}.attribute", "is required: the attribute name (a profile field or custom attribute)"));
        }

        var path = SegmentAttributePath.Parse(attribute);
        if (attribute.Length > 0 && path is null)
        {
            errors.Add(new($"{field}.attribute", $"'{attribute}' is not a valid path; use a name, a.b or a[].b"));
        }

        if (!JsonScalars.TryGetString(obj["operator"], out var opName))
        {
            errors.Add(new($"{field}.operator", "is required"));
            return null;
        }

        if (!SegmentOperatorCatalog.TryFind(opName, out var entry))
        {
            errors.Add(new($"{field}.operator", $"unknown operator '{opName}'; known: {string.Join(", ", SegmentOperatorCatalog.Names)}"));
            return null;
        }

        var type = ResolveType(obj, entry, field, opName, errors);
        if (type is null || errors.Count > before)
        {
            return null;
        }

        var operand = SegmentOperandParser.Parse(obj, field, entry.Shape, type.Value, errors);
        var followsStored = obj["type"] is null && entry.Types.Count > 1;
        if (followsStored && operand is not null && entry.Operator == SegmentOperator.DoesNotEqual)
        {
            // DOES NOT EQUAL is a string or a number filter: parsed both ways, it follows the stored value too.
            operand = SegmentOperandParser.BothForms(obj["value"], operand, type.Value);
        }

        return errors.Count > before || operand is null
            ? null
            : new SegmentCondition
            {
                Attribute = attribute,
                Path = path!,
                Type = type.Value,
                Operator = entry.Operator,
                // Every alternative's operand is known: the same regex or none, or DOES NOT EQUAL's two forms.
                StoredTypes = followsStored ? entry.Types : [],
                Texts = operand.Texts,
                Number = operand.Number,
                Pattern = operand.Pattern,
                Instant = operand.Instant,
                Span = operand.Span,
            };
    }

    private static SegmentAttributeType? ResolveType(
        JsonObject obj, SegmentOperatorEntry entry, string field, string opName, List<FieldError> errors)
    {
        if (obj["type"] is { } typeNode)
        {
            if (!JsonScalars.TryGetString(typeNode, out var typeName) || !TypeNames.TryGetValue(typeName, out var declared))
            {
                errors.Add(new($"{field}.type", $"must be one of {string.Join(", ", TypeNames.Keys)}"));
                return null;
            }

            if (!entry.Types.Contains(declared))
            {
                errors.Add(new($"{field}.operator", $"'{opName}' is not valid for type '{typeName}'"));
                return null;
            }

            return declared;
        }

        // Without a declared type, an operator that fits one type decides it; otherwise the stored value will
        // (SegmentCondition.StoredTypes), and this is the type for values of other kinds: DOES NOT EQUAL's value's own.
        if (entry.Types.Count == 1)
        {
            return entry.Types[0];
        }

        return entry.Operator == SegmentOperator.DoesNotEqual && obj["value"]?.GetValueKind() == JsonValueKind.Number
            ? SegmentAttributeType.Number
            : SegmentAttributeType.String;
    }
}
