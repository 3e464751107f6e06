namespace Switchyard.Sandbox.Currents;

/// <summary>How many events of each kind one simulated send produced.</summary>
internal sealed record CampaignEventCounts(int Send, int Open, int Click, int Unsubscribe)
{
    public int Total => Send + Open + Click + Unsubscribe;
}
