namespace Switchyard.Sandbox.Users;

/// <summary>
/// Finding users by their identifiers: a request's <see cref="UserWriteSession"/> sees the store as it is, a
/// <see cref="VisibleUsers"/> view sees it as readers do while a consistency delay is set.
/// </summary>
internal interface IUserLookup
{
    SandboxUser? FindByBrazeId(string brazeId);

    /// <summary>By primary or deprecated external id.</summary>
    SandboxUser? FindByExternalId(string externalId);

    SandboxUser? FindByAlias(UserAlias alias);

    /// <summary>Every user matching <paramref name="predicate"/>, which must only read the user it is given.</summary>
    IReadOnlyList<SandboxUser> FindAll(Func<SandboxUser, bool> predicate);
}
