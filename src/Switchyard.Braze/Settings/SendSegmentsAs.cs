namespace Switchyard.Braze.Settings;

/// <summary>
/// "Send Segments As" (reference/mparticle.md §3): which attribute forms carry a user's audience membership. The
/// seven configurable values are the non-empty combinations of the three forms.
/// </summary>
[Flags]
public enum SendSegmentsAs
{
    /// <summary>Not a valid setting; the parser never returns it.</summary>
    None = 0,

    /// <summary><c>SegmentMembership</c>: the audience ids as one comma-separated string.</summary>
    String = 1,

    /// <summary><c>SegmentMembershipArray</c>: the audience ids as an array of strings.</summary>
    Array = 2,

    /// <summary><c>In &lt;External Name&gt;</c>: one boolean per audience.</summary>
    PerSegment = 4,
}
