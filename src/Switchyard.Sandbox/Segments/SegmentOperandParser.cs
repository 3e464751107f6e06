using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Segments;

/// <summary>Reads <c>value</c> / <c>values</c> of a condition according to its operator's operand shape.</summary>
internal static class SegmentOperandParser
{
    public static SegmentOperand? Parse(
        JsonObject obj, string field, SegmentOperandShape shape, SegmentAttributeType type, List<FieldError> errors)
    {
        var valueField = $"{field}.value";
        var value = obj["value"];
        switch (shape)
        {
            case SegmentOperandShape.None:
                return new SegmentOperand();

            case SegmentOperandShape.Single when type == SegmentAttributeType.Number:
                if (JsonScalars.TryGetNumber(value, out var number))
                {
                    return new SegmentOperand { Number = number };
                }

                errors.Add(new(valueField, "must be a number"));
                return null;

            case SegmentOperandShape.Single:
                var text = OperandText(value, type);
                if (text is not null)
                {
                    return new SegmentOperand { Texts = [text] };
                }

                errors.Add(new(valueField, type == SegmentAttributeType.Array ? "must be a string, number or boolean" : "must be a string"));
                return null;

            case SegmentOperandShape.Many:
                return ParseMany(obj, field, type, errors);

            case SegmentOperandShape.Regex:
                return ParseRegex(value, valueField, errors);

            case SegmentOperandShape.Date:
                if (JsonScalars.TryGetString(value, out var dateText) && JsonScalars.TryParseTime(dateText, out var instant))
                {
                    return new SegmentOperand { Instant = instant };
                }

                errors.Add(new(valueField, "must be a date string such as \"2026-01-31\" or \"2026-01-31T12:00:00Z\""));
                return null;

            default:
                if (JsonScalars.TryGetNumber(value, out var days) && days >= 0 && days <= 36_500)
                {
                    return new SegmentOperand { Span = TimeSpan.FromDays(days) };
                }

                errors.Add(new(valueField, "must be a number of days between 0 and 36500"));
                return null;
        }
    }

    /// <summary>
    /// DOES NOT EQUAL without a declared type: the operand as text and as a number, so it can compare a stored string
    /// or a stored number. A text that is no number compares unequal to every number.
    /// </summary>
    public static SegmentOperand BothForms(JsonNode? value, SegmentOperand parsed, SegmentAttributeType type) =>
        type == SegmentAttributeType.Number
            ? parsed with { Texts = [value!.ToJsonString()] }
            : parsed with
            {
                Number = double.TryParse(parsed.Texts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
            };

    private static SegmentOperand? ParseMany(
        JsonObject obj, string field, SegmentAttributeType type, List<FieldError> errors)
    {
        var valuesField = $"{field}.values";
        if (obj["values"] is not JsonArray values || values.Count == 0)
        {
            errors.Add(new(valuesField, "must be a non-empty array"));
            return null;
        }

        if (values.Count > SegmentConditionParser.MaxValues)
        {
            errors.Add(new(valuesField, $"has {values.Count} values; at most {SegmentConditionParser.MaxValues} are allowed"));
            return null;
        }

        var texts = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var text = OperandText(values[i], type);
            if (text is null)
            {
                errors.Add(new($"{valuesField}[{i}]", type == SegmentAttributeType.Array ? "must be a string, number or boolean" : "must be a string"));
                return null;
            }

            texts.Add(text);
        }

        return new SegmentOperand { Texts = texts };
    }

    private static SegmentOperand? ParseRegex(JsonNode? value, string valueField, List<FieldError> errors)
    {
        if (!JsonScalars.TryGetString(value, out var pattern) || pattern.Length == 0)
        {
            errors.Add(new(valueField, "must be a non-empty regular expression"));
            return null;
        }

        if (pattern.Length > SegmentRegex.MaxLength)
        {
            errors.Add(new(valueField, $"the regular expression is longer than {SegmentRegex.MaxLength} characters"));
            return null;
        }

        try
        {
            return new SegmentOperand { Pattern = SegmentRegex.Compile(pattern) };
        }
        catch (ArgumentException e)
        {
            errors.Add(new(valueField, $"invalid regular expression: {e.Message}"));
            return null;
        }
    }

    /// <summary>String filters take strings; array filters also take numbers and booleans, compared as JSON text.</summary>
    private static string? OperandText(JsonNode? node, SegmentAttributeType type) =>
        type == SegmentAttributeType.Array
            ? JsonScalars.ScalarText(node)
            : JsonScalars.TryGetString(node, out var text) ? text : null;
}
