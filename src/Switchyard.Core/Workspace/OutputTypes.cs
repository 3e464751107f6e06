namespace Switchyard.Core.Workspace;

/// <summary>
/// Names of the output types this repository ships. Which types a process knows is the
/// <see cref="Delivery.Engine.OutputTypeRegistry"/>'s to say; these names are for code that treats a type specially.
/// </summary>
public static class OutputTypes
{
    /// <summary>Events, purchases and profile attributes to Braze (server to server).</summary>
    public const string Braze = "braze";

    /// <summary>Audience membership to Braze as user attributes (SegmentMembership, per-audience attributes).</summary>
    public const string BrazeAudience = "braze_audience";

    /// <summary>Processed batches to an mParticle Events API endpoint: mParticle itself or another Switchyard.</summary>
    public const string MParticle = "mparticle";
}
