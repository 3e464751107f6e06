namespace Switchyard.Sandbox.Currents;

/// <summary>The channels a simulated campaign can use.</summary>
internal enum CampaignChannel
{
    Push,
    Email,
}
