namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>One row of the <c>identities</c> table's key: an identity (<see cref="Core.Profiles.IdentityKeys"/>) and its value.</summary>
internal readonly record struct IdentityLink(string Key, string Value);
