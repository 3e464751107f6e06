namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>A profile as a session saved it: its document (UTF-8 JSON) and the identity and membership rows kept beside it.</summary>
internal sealed record SavedProfile(long Mpid, byte[] Document, HashSet<(string Key, string Value)> Identities, HashSet<int> Audiences);
