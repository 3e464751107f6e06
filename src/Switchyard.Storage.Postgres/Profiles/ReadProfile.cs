namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// A profile as a session read it: its document (null when absent), the version a commit checks again, and the
/// identity and membership rows stored beside it, from which the commit works out what to unlink.
/// </summary>
internal sealed record ReadProfile(string? Document, long Version, HashSet<IdentityLink> Identities, HashSet<int> Audiences)
{
    /// <summary>The version of a profile that is not stored.</summary>
    public const long Absent = -1;
}
