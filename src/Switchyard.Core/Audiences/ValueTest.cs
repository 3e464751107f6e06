using System.Globalization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// A compiled attribute comparison, shared by user attribute conditions and event <c>where</c> conditions. String
/// comparisons ignore case (mParticle's string operators are case-insensitive, reference/mparticle.md §6). A
/// negated operator is the exact negation of its positive form, so it is true for a missing attribute.
/// </summary>
internal sealed class ValueTest(ConditionOperator op, string text, double number, double max, bool numericOperand)
{
    private readonly ConditionOperator _positive = OperatorNames.Positive(op);
    private readonly bool _negated = OperatorNames.IsNegation(op);

    /// <param name="present">False for a missing or deleted attribute.</param>
    /// <param name="value">The scalar value as text (null for a tag or a list).</param>
    /// <param name="list">The values of a list attribute.</param>
    public bool Matches(bool present, string? value, IReadOnlyList<string>? list)
    {
        var positive = present && MatchesPositive(value, list);
        return _negated ? !positive : positive;
    }

    private bool MatchesPositive(string? value, IReadOnlyList<string>? list) => _positive switch
    {
        ConditionOperator.Exists => true,
        ConditionOperator.EqualTo => value is not null && IsEqual(value),
        ConditionOperator.Contains => value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Pattern => value is not null && WildcardPattern.IsMatch(value, text),
        ConditionOperator.Includes => list is not null && Includes(list),
        ConditionOperator.GreaterThan => TryNumber(value, out var n) && n > number,
        ConditionOperator.LessThan => TryNumber(value, out var n) && n < number,
        ConditionOperator.AtLeast => TryNumber(value, out var n) && n >= number,
        ConditionOperator.AtMost => TryNumber(value, out var n) && n <= number,
        ConditionOperator.Between => TryNumber(value, out var n) && n >= number && n <= max,
        _ => false,
    };

    // A numeric operand compares by value, so 5 equals "5.0"; otherwise the text compares, ignoring case.
    private bool IsEqual(string value) =>
        numericOperand && TryNumber(value, out var n) ? n == number : string.Equals(value, text, StringComparison.OrdinalIgnoreCase);

    private bool Includes(IReadOnlyList<string> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryNumber(string? value, out double n) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out n) && double.IsFinite(n);
}
