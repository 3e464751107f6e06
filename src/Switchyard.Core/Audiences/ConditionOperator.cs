namespace Switchyard.Core.Audiences;

/// <summary>Attribute condition operators; each <c>Not…</c> is the exact negation of its positive form.</summary>
internal enum ConditionOperator
{
    Exists,
    NotExists,
    EqualTo,
    NotEqualTo,
    Contains,
    NotContains,
    Pattern,
    NotPattern,
    GreaterThan,
    LessThan,
    AtLeast,
    AtMost,
    Between,
    Includes,
    NotIncludes,
}
