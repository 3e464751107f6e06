using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>Attribute conditions: on user attributes, and in an event criterion's <c>where</c>.</summary>
internal sealed partial class CriterionCompiler
{
    private AttributeNode? UserAttribute(Criterion c, string path)
    {
        var test = Condition(c, path, eventAttribute: false);
        // Profiles store reserved attributes under their canonical spelling, so the lookup uses it too.
        return test is null ? null : new AttributeNode(ReservedAttributes.Canonical(c.Attribute!), test);
    }

    private ValueTest? Condition(Criterion c, string path, bool eventAttribute)
    {
        var ok = true;
        var name = c.Attribute!;
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            Error(path + ".attribute", $"must be 1 to {MaxNameLength} characters.");
            ok = false;
        }

        if (c.Operator is null)
        {
            Error(path + ".operator", "is required.");
            return null;
        }

        if (!OperatorNames.TryCondition(c.Operator, out var op))
        {
            Error(path + ".operator", $"unknown operator '{Clip(c.Operator)}'.");
            return null;
        }

        if (eventAttribute && op is ConditionOperator.Includes or ConditionOperator.NotIncludes)
        {
            Error(path + ".operator", $"'{c.Operator}' applies to user attribute lists only; event attributes are single values.");
            return null;
        }

        var operand = Operand(c, op, path);
        return ok && operand is { } o ? new ValueTest(op, o.Text, o.Number, o.Max, o.Numeric) : null;
    }

    private (string Text, double Number, double Max, bool Numeric)? Operand(Criterion c, ConditionOperator op, string path)
    {
        var value = c.Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v ? v : (JsonElement?)null;
        if (op != ConditionOperator.Between && c.Max is not null)
        {
            Error(path + ".max", $"applies only to 'between'.");
            return null;
        }

        if (OperatorNames.TakesNoOperand(op))
        {
            if (value is not null)
            {
                Error(path + ".value", $"'{c.Operator}' takes no value.");
                return null;
            }

            return ("", 0, 0, false);
        }

        if (value is not { } operand)
        {
            Error(path + ".value", "is required.");
            return null;
        }

        if (OperatorNames.TakesNumber(op))
        {
            return NumberOperand(operand, c.Max, op, path);
        }

        if (operand.ValueKind == JsonValueKind.String)
        {
            if (!TryGetText(operand, out var text))
            {
                Error(path + ".value", UnpairedSurrogate);
                return null;
            }

            if (op is ConditionOperator.Pattern or ConditionOperator.NotPattern && text.Length > WildcardPattern.MaxLength)
            {
                Error(path + ".value", $"a pattern must be at most {WildcardPattern.MaxLength} characters.");
                return null;
            }

            return (text, 0, 0, false);
        }

        if (!OperatorNames.TakesString(op) && operand.ValueKind is JsonValueKind.Number && operand.TryGetDouble(out var n) && double.IsFinite(n))
        {
            return (operand.GetRawText(), n, 0, true);
        }

        if (!OperatorNames.TakesString(op) && operand.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return (operand.ValueKind == JsonValueKind.True ? "true" : "false", 0, 0, false);
        }

        Error(path + ".value", OperatorNames.TakesString(op)
            ? $"'{c.Operator}' needs a string."
            : $"'{c.Operator}' needs a string, number or boolean.");
        return null;
    }

    private (string Text, double Number, double Max, bool Numeric)? NumberOperand(JsonElement operand, double? max, ConditionOperator op, string path)
    {
        if (operand.ValueKind != JsonValueKind.Number || !operand.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(path + ".value", $"'{OperatorName(op)}' needs a number.");
            return null;
        }

        if (op != ConditionOperator.Between)
        {
            return (number.ToString(CultureInfo.InvariantCulture), number, 0, true);
        }

        if (max is not { } upper || !double.IsFinite(upper))
        {
            Error(path + ".max", "'between' needs a numeric max (inclusive).");
            return null;
        }

        if (upper < number)
        {
            Error(path + ".max", $"must be at least value ({number.ToString(CultureInfo.InvariantCulture)}).");
            return null;
        }

        return (number.ToString(CultureInfo.InvariantCulture), number, upper, true);
    }

    /// <summary>
    /// A JSON string may escape a lone UTF-16 surrogate (<c>"\ud800"</c>): valid JSON, but not text, and
    /// <see cref="JsonElement.GetString"/> throws on it. The value is input, not a bug, so it becomes an error.
    /// </summary>
    private static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static string OperatorName(ConditionOperator op) => op switch
    {
        ConditionOperator.GreaterThan => "greater_than",
        ConditionOperator.LessThan => "less_than",
        ConditionOperator.AtLeast => "at_least",
        ConditionOperator.AtMost => "at_most",
        _ => "between",
    };
}
