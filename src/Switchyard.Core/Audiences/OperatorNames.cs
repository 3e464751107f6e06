namespace Switchyard.Core.Audiences;

/// <summary>The wire names of the operators (docs/audiences.md), and what kind of operand each takes.</summary>
internal static class OperatorNames
{
    private static readonly Dictionary<string, ConditionOperator> Conditions = new(StringComparer.Ordinal)
    {
        ["exists"] = ConditionOperator.Exists,
        ["not_exists"] = ConditionOperator.NotExists,
        ["equals"] = ConditionOperator.EqualTo,
        ["not_equals"] = ConditionOperator.NotEqualTo,
        ["contains"] = ConditionOperator.Contains,
        ["not_contains"] = ConditionOperator.NotContains,
        ["pattern"] = ConditionOperator.Pattern,
        ["not_pattern"] = ConditionOperator.NotPattern,
        ["greater_than"] = ConditionOperator.GreaterThan,
        ["less_than"] = ConditionOperator.LessThan,
        ["at_least"] = ConditionOperator.AtLeast,
        ["at_most"] = ConditionOperator.AtMost,
        ["between"] = ConditionOperator.Between,
        ["includes"] = ConditionOperator.Includes,
        ["not_includes"] = ConditionOperator.NotIncludes,
        ["starts_with"] = ConditionOperator.StartsWith,
        ["ends_with"] = ConditionOperator.EndsWith,
        ["before"] = ConditionOperator.Before,
        ["after"] = ConditionOperator.After,
        ["on"] = ConditionOperator.On,
        ["within_last_days"] = ConditionOperator.WithinLastDays,
        ["within_next_days"] = ConditionOperator.WithinNextDays,
    };

    private static readonly Dictionary<string, ComparedAs> Types = new(StringComparer.Ordinal)
    {
        ["string"] = ComparedAs.String,
        ["number"] = ComparedAs.Number,
        ["date"] = ComparedAs.Date,
        ["boolean"] = ComparedAs.Boolean,
    };

    private static readonly Dictionary<string, CountOperator> Counts = new(StringComparer.Ordinal)
    {
        ["at_least"] = CountOperator.AtLeast,
        ["exactly"] = CountOperator.Exactly,
        ["at_most"] = CountOperator.AtMost,
        ["between"] = CountOperator.Between,
    };

    public static bool TryCondition(string name, out ConditionOperator op) => Conditions.TryGetValue(name, out op);

    public static bool TryCount(string name, out CountOperator op) => Counts.TryGetValue(name, out op);

    public static bool TryType(string name, out ComparedAs type) => Types.TryGetValue(name, out type);

    public static string NameOf(ConditionOperator op) => Conditions.First(p => p.Value == op).Key;

    /// <summary>Operators that compare dates: a whole UTC day, or a window of days around now.</summary>
    public static bool TakesDate(ConditionOperator op) =>
        op is ConditionOperator.Before or ConditionOperator.After or ConditionOperator.On or ConditionOperator.WithinLastDays
            or ConditionOperator.WithinNextDays;

    /// <summary>Date operators whose answer moves with the clock.</summary>
    public static bool IsRelativeDate(ConditionOperator op) => op is ConditionOperator.WithinLastDays or ConditionOperator.WithinNextDays;

    public static bool TakesNoOperand(ConditionOperator op) => op is ConditionOperator.Exists or ConditionOperator.NotExists;

    public static bool TakesNumber(ConditionOperator op) =>
        op is ConditionOperator.GreaterThan or ConditionOperator.LessThan or ConditionOperator.AtLeast
            or ConditionOperator.AtMost or ConditionOperator.Between;

    /// <summary>Operators whose operand must be a string (equals also takes numbers and booleans).</summary>
    public static bool TakesString(ConditionOperator op) =>
        op is ConditionOperator.Contains or ConditionOperator.NotContains or ConditionOperator.Pattern
            or ConditionOperator.NotPattern or ConditionOperator.Includes or ConditionOperator.NotIncludes
            or ConditionOperator.StartsWith or ConditionOperator.EndsWith;

    public static bool IsNegation(ConditionOperator op) =>
        op is ConditionOperator.NotExists or ConditionOperator.NotEqualTo or ConditionOperator.NotContains
            or ConditionOperator.NotPattern or ConditionOperator.NotIncludes;

    /// <summary>The positive operator a negation inverts (the operator itself when positive).</summary>
    public static ConditionOperator Positive(ConditionOperator op) => op switch
    {
        ConditionOperator.NotExists => ConditionOperator.Exists,
        ConditionOperator.NotEqualTo => ConditionOperator.EqualTo,
        ConditionOperator.NotContains => ConditionOperator.Contains,
        ConditionOperator.NotPattern => ConditionOperator.Pattern,
        ConditionOperator.NotIncludes => ConditionOperator.Includes,
        _ => op,
    };
}
