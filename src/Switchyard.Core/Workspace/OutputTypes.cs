namespace Switchyard.Core.Workspace;

/// <summary>The output types a workspace file may name.</summary>
public static class OutputTypes
{
    /// <summary>Events, purchases and profile attributes to Braze (server to server).</summary>
    public const string Braze = "braze";

    /// <summary>Audience membership to Braze as user attributes (SegmentMembership, per-audience attributes).</summary>
    public const string BrazeAudience = "braze_audience";
}
