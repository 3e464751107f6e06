namespace Switchyard.Sandbox.Segments;

/// <summary>What a filter operator expects as its operand.</summary>
internal enum SegmentOperandShape
{
    /// <summary>No value (blank checks, boolean checks, has a value, is empty).</summary>
    None,

    /// <summary>One value in <c>value</c>.</summary>
    Single,

    /// <summary>A list in <c>values</c> (1 to 256 entries, reference/braze.md §5).</summary>
    Many,

    /// <summary>A regular expression in <c>value</c>.</summary>
    Regex,

    /// <summary>A date in <c>value</c>.</summary>
    Date,

    /// <summary>A non-negative number of days in <c>value</c>.</summary>
    Days,
}
