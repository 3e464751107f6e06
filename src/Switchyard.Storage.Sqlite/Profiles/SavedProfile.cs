namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>A profile as a session saved it: its document and the identity and membership rows kept beside it.</summary>
internal sealed record SavedProfile(long Mpid, string Document, HashSet<(string Key, string Value)> Identities, HashSet<int> Audiences);
