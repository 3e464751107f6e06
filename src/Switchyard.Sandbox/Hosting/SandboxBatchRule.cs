namespace Switchyard.Sandbox.Hosting;

/// <summary>Object limits of one <c>/users/track</c> request (reference/braze.md §1.8).</summary>
public enum SandboxBatchRule
{
    /// <summary>Current documentation: at most 75 objects across attributes, events and purchases.</summary>
    Combined75,

    /// <summary>Legacy rate-limit customers: at most 75 objects in each of the three arrays.</summary>
    PerArray75,

    /// <summary>MAU-priced plans: at most 50 objects combined.</summary>
    Combined50,
}
