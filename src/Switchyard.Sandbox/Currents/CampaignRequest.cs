namespace Switchyard.Sandbox.Currents;

/// <summary>A validated <c>POST /_sandbox/currents/campaigns</c> body. <see cref="Platform"/> is Braze's spelling (push only).</summary>
internal sealed record CampaignRequest(
    string Segment,
    string CampaignName,
    string? CampaignId,
    CampaignChannel Channel,
    string? Platform,
    double OpenShare,
    double ClickShare,
    double UnsubscribeShare);
