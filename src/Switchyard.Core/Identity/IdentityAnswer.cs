namespace Switchyard.Core.Identity;

/// <summary>What an identity call resolved to: the MPID the client uses from now on, and whether it names a known user.</summary>
/// <param name="Matched">The request identities the returned profile holds (IDSync names).</param>
public sealed record IdentityAnswer(long Mpid, bool IsLoggedIn, IReadOnlyDictionary<string, string> Matched, bool Created);
