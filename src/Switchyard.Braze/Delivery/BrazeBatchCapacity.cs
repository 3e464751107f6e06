using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Delivery;

/// <summary>How many objects a batch rule lets one request carry (reference/braze.md §1.8).</summary>
internal readonly record struct BrazeBatchCapacity(int PerArray, int Combined)
{
    public static BrazeBatchCapacity For(BrazeBatchRule rule) => rule switch
    {
        BrazeBatchRule.PerArray75 => new(75, 225),
        BrazeBatchRule.Combined75 => new(75, 75),
        BrazeBatchRule.Combined50 => new(50, 50),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown batch rule."),
    };

    /// <summary>Whether these counts fit in one request.</summary>
    public bool Fits(int attributes, int events, int purchases) =>
        attributes <= PerArray && events <= PerArray && purchases <= PerArray && attributes + events + purchases <= Combined;
}
