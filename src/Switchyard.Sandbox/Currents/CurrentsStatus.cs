namespace Switchyard.Sandbox.Currents;

/// <summary>A consistent snapshot of the Currents queue and its counters.</summary>
internal sealed record CurrentsStatus(
    int Queued,
    long Delivered,
    long Dropped,
    long AttemptsFailed,
    DeliveryError? LastError,
    IReadOnlyList<CampaignSend> Campaigns);
