using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Track;

/// <summary>What one track request did: valid objects per array and the per-object errors.</summary>
internal sealed class TrackOutcome
{
    public int AttributesProcessed { get; set; }

    public int EventsProcessed { get; set; }

    public int PurchasesProcessed { get; set; }

    public List<ObjectError> Errors { get; } = [];

    public int TotalProcessed => AttributesProcessed + EventsProcessed + PurchasesProcessed;
}
