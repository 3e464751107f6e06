namespace Switchyard.Core.Audiences;

/// <summary>How many matching occurrences an event criterion needs: <c>at_least</c>, <c>exactly</c>, <c>at_most</c> or <c>between</c> (inclusive).</summary>
public sealed class EventCount
{
    public string? Operator { get; init; }

    public long? Value { get; init; }

    /// <summary>The upper bound of <c>between</c>.</summary>
    public long? Max { get; init; }
}
