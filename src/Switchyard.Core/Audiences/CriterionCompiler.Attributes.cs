using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>Attribute conditions: on user attributes, and in an event criterion's <c>where</c>.</summary>
internal sealed partial class CriterionCompiler
{
    private AttributeNode? UserAttribute(Criterion c, string path)
    {
        var ok = NameLength(c.Attribute!, path + ".attribute");
        var test = Condition(c, path, ConditionScope.UserAttribute);
        // Profiles store reserved attributes under their canonical spelling, so the lookup uses it too.
        return ok && test is not null ? new AttributeNode(ReservedAttributes.Canonical(c.Attribute!), test) : null;
    }

    private bool NameLength(string name, string path)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            Error(path, $"must be 1 to {MaxNameLength} characters.");
            return false;
        }

        return true;
    }

    /// <summary>The operator, <c>as</c> and operand of a value condition; null (with errors) when they do not fit together.</summary>
    private ValueTest? Condition(Criterion c, string path, ConditionScope scope)
    {
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

        if (op is ConditionOperator.Includes or ConditionOperator.NotIncludes && scope != ConditionScope.UserAttribute)
        {
            Error(path + ".operator", $"'{c.Operator}' applies to user attribute lists only; {ScopeName(scope)} are single values.");
            return null;
        }

        if (scope == ConditionScope.Seen && !OperatorNames.TakesDate(op) && !OperatorNames.TakesNoOperand(op))
        {
            Error(path + ".operator", $"'{c.Operator}' does not compare times; first and last seen take exists, before, after, on, within_last_days or within_next_days.");
            return null;
        }

        // An occurrence is judged once, when it is counted; a window moving with the clock would need it judged again.
        if (scope == ConditionScope.EventAttribute && OperatorNames.IsRelativeDate(op))
        {
            Error(path + ".operator", $"'{c.Operator}' moves with the clock, which event attributes in 'where' cannot; use before, after or on.");
            return null;
        }

        if (!TypeOf(c, op, scope, path, out var type))
        {
            return null;
        }

        if (OperatorNames.IsRelativeDate(op))
        {
            UsesRollingWindow = true;
        }

        var operand = Operand(c, op, type, path);
        return operand is { } o ? new ValueTest(op, o.Text, o.Number, o.Max, o.Numeric, type) : null;
    }

    /// <summary>Reads <c>as</c> and checks it suits the operator (a number operator cannot compare as a string, and so on).</summary>
    private bool TypeOf(Criterion c, ConditionOperator op, ConditionScope scope, string path, out ComparedAs type)
    {
        type = ComparedAs.Auto;
        if (c.As is null)
        {
            return true;
        }

        if (scope == ConditionScope.Seen)
        {
            Error(path + ".as", "first and last seen are always dates.");
            return false;
        }

        if (!OperatorNames.TryType(c.As, out type))
        {
            Error(path + ".as", $"unknown type '{Clip(c.As)}' (string, number, date or boolean).");
            return false;
        }

        var fits = OperatorNames.TakesNoOperand(op)
            || (OperatorNames.TakesDate(op) ? type == ComparedAs.Date
            : OperatorNames.TakesNumber(op) ? type == ComparedAs.Number
            : OperatorNames.TakesString(op) ? type == ComparedAs.String
            : type != ComparedAs.Date);
        if (!fits)
        {
            var hint = op is ConditionOperator.EqualTo or ConditionOperator.NotEqualTo ? " (to match a day, use 'on')" : "";
            Error(path + ".as", $"'{c.Operator}' cannot compare as {c.As}{hint}.");
            return false;
        }

        return true;
    }

    private (string Text, double Number, double Max, bool Numeric)? Operand(Criterion c, ConditionOperator op, ComparedAs type, string path)
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

        if (OperatorNames.TakesDate(op))
        {
            return DateOperand(operand, op, path);
        }

        if (type == ComparedAs.Number)
        {
            return EqualsNumberOperand(operand, c.Operator!, path);
        }

        if (type == ComparedAs.Boolean)
        {
            return EqualsBooleanOperand(operand, c.Operator!, path);
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
            // Compared as a string, the number is the text it was written as.
            return (operand.GetRawText(), n, 0, type != ComparedAs.String);
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

    private (string Text, double Number, double Max, bool Numeric)? DateOperand(JsonElement operand, ConditionOperator op, string path)
    {
        if (OperatorNames.IsRelativeDate(op))
        {
            if (operand.ValueKind != JsonValueKind.Number || !operand.TryGetInt32(out var days) || days is < 1 or > MaxWithinDays)
            {
                Error(path + ".value", $"'{OperatorNames.NameOf(op)}' needs a whole number of days, 1 to {MaxWithinDays}.");
                return null;
            }

            return ("", days * EventWindow.DayMs, 0, true);
        }

        if (operand.ValueKind != JsonValueKind.String || !TryGetText(operand, out var text) || !DateValues.TryParseDay(text, out var day))
        {
            Error(path + ".value", $"'{OperatorNames.NameOf(op)}' needs a day as a string, yyyy-MM-dd (UTC).");
            return null;
        }

        return (text, EventWindow.StartMs(day), 0, true);
    }

    private (string Text, double Number, double Max, bool Numeric)? EqualsNumberOperand(JsonElement operand, string name, string path)
    {
        var number = 0.0;
        var ok = operand.ValueKind switch
        {
            JsonValueKind.Number => operand.TryGetDouble(out number) && double.IsFinite(number),
            JsonValueKind.String => TryGetText(operand, out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number),
            _ => false,
        };
        if (!ok)
        {
            Error(path + ".value", $"'{name}' as number needs a number.");
            return null;
        }

        return (number.ToString(CultureInfo.InvariantCulture), number, 0, true);
    }

    private (string Text, double Number, double Max, bool Numeric)? EqualsBooleanOperand(JsonElement operand, string name, string path)
    {
        bool? flag = operand.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when TryGetText(operand, out var text) && bool.TryParse(text, out var parsed) => parsed,
            _ => null,
        };
        if (flag is not { } b)
        {
            Error(path + ".value", $"'{name}' as boolean needs true or false.");
            return null;
        }

        return (b ? "true" : "false", b ? 1 : 0, 0, false);
    }

    private static string ScopeName(ConditionScope scope) => scope switch
    {
        ConditionScope.EventAttribute => "event attributes",
        ConditionScope.Identity => "identities",
        ConditionScope.Device => "device fields",
        _ => "these",
    };

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
