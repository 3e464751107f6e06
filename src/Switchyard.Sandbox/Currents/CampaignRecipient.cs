namespace Switchyard.Sandbox.Currents;

/// <summary>A segment member Braze would export: it has an external_id (reference/mparticle.md §5), and maybe an email.</summary>
internal sealed record CampaignRecipient(string ExternalId, string? Email);
