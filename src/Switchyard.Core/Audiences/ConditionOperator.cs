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
    StartsWith,
    EndsWith,

    /// <summary>Dates: before a whole UTC day (exclusive).</summary>
    Before,

    /// <summary>Dates: on or after a whole UTC day (inclusive).</summary>
    After,

    /// <summary>Dates: within a whole UTC day.</summary>
    On,

    /// <summary>Dates: in (now − N days, now].</summary>
    WithinLastDays,

    /// <summary>Dates: in [now, now + N days).</summary>
    WithinNextDays,
}
