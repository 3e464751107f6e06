namespace Switchyard.Sandbox.Currents;

/// <summary>The outcome of simulating one send: its summary and its serialised batches in delivery order.</summary>
internal sealed record CampaignPlan(CampaignSend Send, IReadOnlyList<(string SourceMessageId, ReadOnlyMemory<byte> Body)> Batches);
