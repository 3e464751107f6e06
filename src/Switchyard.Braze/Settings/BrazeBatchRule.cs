namespace Switchyard.Braze.Settings;

/// <summary>How many objects one <c>/users/track</c> request may carry (reference/braze.md §1.8); the delivery engine batches by it.</summary>
public enum BrazeBatchRule
{
    /// <summary>Legacy: 75 attributes + 75 events + 75 purchases.</summary>
    PerArray75,

    /// <summary>Current docs: at most 75 objects combined.</summary>
    Combined75,

    /// <summary>MAU-priced plans: at most 50 objects combined.</summary>
    Combined50,
}
