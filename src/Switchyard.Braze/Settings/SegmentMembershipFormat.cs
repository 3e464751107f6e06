namespace Switchyard.Braze.Settings;

/// <summary>How the ids in the <c>SegmentMembership</c> string are written (docs/audience-sync.md).</summary>
public enum SegmentMembershipFormat
{
    /// <summary><c>11034,11036</c>: ascending ids, comma-separated without spaces (Switchyard's form before 'quoted' became the default).</summary>
    Unquoted,

    /// <summary><c>'11034','11036'</c>: each id in single quotes, the form mParticle's audience page shows; the default.</summary>
    Quoted,
}
