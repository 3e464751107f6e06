namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// How many profiles, identities and writes a session recorded. A new session sizes its records from the sessions
/// before it (<see cref="SqliteProfileStore"/> keeps the largest recent sizes, shrinking by a quarter per session), so
/// a processing chunk's records do not grow through every doubling while it runs. The sizes are hints only: a record
/// that needs more still grows.
/// </summary>
internal sealed record SessionSizes(int Profiles, int Identities, int Writes)
{
    /// <summary>The most a hint asks for, so one very large session does not make the following ones allocate as much.</summary>
    public const int Cap = 4_096;

    public static SessionSizes None { get; } = new(0, 0, 0);

    /// <summary>The hint for the next session after one of <paramref name="latest"/> sizes.</summary>
    public SessionSizes After(SessionSizes latest) => new(
        Math.Min(Cap, Math.Max(latest.Profiles, Profiles * 3 / 4)),
        Math.Min(Cap, Math.Max(latest.Identities, Identities * 3 / 4)),
        Math.Min(Cap, Math.Max(latest.Writes, Writes * 3 / 4)));
}
