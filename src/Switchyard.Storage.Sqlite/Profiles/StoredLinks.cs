namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// What a session knows is stored beside one profile's document, so that saving it again needs no query to find
/// what to unlink. <see cref="Identities"/> may hold more than is stored (a link another profile has since taken is
/// still listed; dropping it is a guarded no-op), <see cref="Audiences"/> is exactly the stored membership rows.
/// </summary>
internal sealed class StoredLinks(HashSet<(string Key, string Value)> identities, HashSet<int> audiences)
{
    public HashSet<(string Key, string Value)> Identities { get; } = identities;

    public HashSet<int> Audiences { get; } = audiences;

    /// <summary>A profile with no rows beside it: new, or just deleted.</summary>
    public static StoredLinks None() => new([], []);
}
