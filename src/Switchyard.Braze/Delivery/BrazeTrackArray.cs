namespace Switchyard.Braze.Delivery;

/// <summary>The three object arrays of a <c>/users/track</c> body, as Braze names them in <c>errors[].input_array</c> (reference/braze.md §1.7).</summary>
public enum BrazeTrackArray
{
    Attributes,
    Events,
    Purchases,
}
