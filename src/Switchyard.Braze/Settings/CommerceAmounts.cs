namespace Switchyard.Braze.Settings;

/// <summary>
/// How commerce amounts are written as Braze event and purchase properties (<c>Total Amount</c>, <c>Shipping Amount</c>,
/// <c>Tax Amount</c>, <c>Price</c>, <c>Total Product Amount</c>); docs/braze-mapping.md. A purchase's own <c>price</c>
/// is always a number, as Braze requires.
/// </summary>
public enum CommerceAmounts
{
    /// <summary><c>"110.98"</c>: the decimal as sent, as a string, the type mParticle's Braze mapping table lists.</summary>
    String,

    /// <summary><c>110.98</c>: a JSON number, so Braze can compare and sum it in segments.</summary>
    Number,
}
