using System.Globalization;

namespace Switchyard.Core.Audiences;

/// <summary>
/// A compiled value comparison, shared by user attribute, identity, device and event <c>where</c> conditions. String
/// comparisons ignore case (mParticle's string operators are case-insensitive, reference/mparticle.md §6). A
/// negated operator is the exact negation of its positive form, so it is true for a missing value. A value that
/// does not read as the type the comparison needs (a number, a date, a boolean) fails the positive form.
/// </summary>
/// <param name="number">The numeric operand; for dates the operand day's start (absolute) or the window (relative), in ms.</param>
internal sealed class ValueTest(ConditionOperator op, string text, double number, double max, bool numericOperand, ComparedAs type = ComparedAs.Auto)
{
    private readonly ConditionOperator _positive = OperatorNames.Positive(op);
    private readonly bool _negated = OperatorNames.IsNegation(op);

    /// <summary>Whether the answer can change with the clock alone.</summary>
    public bool IsRelative => OperatorNames.IsRelativeDate(op);

    /// <param name="present">False for a missing or deleted value.</param>
    /// <param name="value">The scalar value as text (null for a tag or a list).</param>
    /// <param name="list">The values of a list attribute.</param>
    public bool Matches(bool present, string? value, IReadOnlyList<string>? list, long nowMs = 0)
    {
        var positive = present && MatchesPositive(value, list, nowMs);
        return _negated ? !positive : positive;
    }

    /// <summary>As <see cref="Matches"/> for a value that is already an instant (first and last seen).</summary>
    public bool MatchesInstant(bool present, long atMs, long nowMs)
    {
        var positive = present && (_positive == ConditionOperator.Exists || MatchesDate(atMs, nowMs));
        return _negated ? !positive : positive;
    }

    /// <summary>
    /// The earliest time after <paramref name="nowMs"/> at which a relative date comparison of this value turns; an
    /// absolute or non-date comparison never turns by itself (<see cref="long.MaxValue"/>).
    /// </summary>
    public long NextChangeMs(string? value, long nowMs) =>
        IsRelative && DateValues.TryParse(value, out var atMs) ? NextChangeMs(atMs, nowMs) : long.MaxValue;

    public long NextChangeMs(long atMs, long nowMs)
    {
        if (!IsRelative)
        {
            return long.MaxValue;
        }

        var window = (long)number;

        // within_last_days holds for now in [at, at + window); within_next_days for now in (at − window, at].
        var (opens, closes) = _positive == ConditionOperator.WithinLastDays
            ? (atMs, SaturatingAdd(atMs, window))
            : (SaturatingAdd(atMs, 1 - window), SaturatingAdd(atMs, 1));
        return opens > nowMs ? opens : closes > nowMs ? closes : long.MaxValue;
    }

    private bool MatchesPositive(string? value, IReadOnlyList<string>? list, long nowMs) => _positive switch
    {
        ConditionOperator.Exists => true,
        ConditionOperator.EqualTo => value is not null && IsEqual(value),
        ConditionOperator.Contains => value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.StartsWith => value is not null && value.StartsWith(text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.EndsWith => value is not null && value.EndsWith(text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Pattern => value is not null && WildcardPattern.IsMatch(value, text),
        ConditionOperator.Includes => list is not null && Includes(list),
        ConditionOperator.GreaterThan => TryNumber(value, out var n) && n > number,
        ConditionOperator.LessThan => TryNumber(value, out var n) && n < number,
        ConditionOperator.AtLeast => TryNumber(value, out var n) && n >= number,
        ConditionOperator.AtMost => TryNumber(value, out var n) && n <= number,
        ConditionOperator.Between => TryNumber(value, out var n) && n >= number && n <= max,
        _ when OperatorNames.TakesDate(_positive) => DateValues.TryParse(value, out var atMs) && MatchesDate(atMs, nowMs),
        _ => false,
    };

    // Dates follow mParticle's rules: "before" excludes the day, "after" includes it, "on" is the whole UTC day.
    private bool MatchesDate(long atMs, long nowMs)
    {
        var operand = (long)number;
        return _positive switch
        {
            ConditionOperator.Before => atMs < operand,
            ConditionOperator.After => atMs >= operand,
            ConditionOperator.On => atMs >= operand && atMs - operand < EventWindow.DayMs,
            ConditionOperator.WithinLastDays => atMs <= nowMs && atMs > nowMs - operand,
            ConditionOperator.WithinNextDays => atMs >= nowMs && atMs < SaturatingAdd(nowMs, operand),
            _ => false,
        };
    }

    private bool IsEqual(string value) => type switch
    {
        ComparedAs.String => string.Equals(value, text, StringComparison.OrdinalIgnoreCase),
        ComparedAs.Number => TryNumber(value, out var n) && n == number,
        ComparedAs.Boolean => TryBoolean(value, out var b) && b == (number == 1),

        // A numeric operand compares by value, so 5 equals "5.0"; otherwise the text compares, ignoring case.
        _ => numericOperand && TryNumber(value, out var n) ? n == number : string.Equals(value, text, StringComparison.OrdinalIgnoreCase),
    };

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

    /// <summary><c>true</c>/<c>false</c> in any case, or the numbers 1 and 0 (how booleans are often sent as text or numbers).</summary>
    internal static bool TryBoolean(string? value, out bool b)
    {
        if (bool.TryParse(value, out b))
        {
            return true;
        }

        if (TryNumber(value, out var n) && n is 0 or 1)
        {
            b = n == 1;
            return true;
        }

        return false;
    }

    private static long SaturatingAdd(long a, long b) =>
        b > 0 && a > long.MaxValue - b ? long.MaxValue : b < 0 && a < long.MinValue - b ? long.MinValue : a + b;
}
