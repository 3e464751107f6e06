namespace Switchyard.Sandbox.Currents;

/// <summary>One simulated campaign send, as <c>GET /_sandbox/currents</c> lists it.</summary>
internal sealed record CampaignSend(
    string SendId,
    string CampaignId,
    string CampaignName,
    string Channel,
    string Segment,
    int Recipients,
    CampaignEventCounts Events,
    DateTimeOffset CreatedAt);
