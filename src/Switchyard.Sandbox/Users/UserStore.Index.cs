namespace Switchyard.Sandbox.Users;

/// <summary>Lookup indexes; callers hold the store lock (they are reached only through <see cref="UserWriteSession"/>).</summary>
internal sealed partial class UserStore
{
    internal SandboxUser? ByBrazeId(string brazeId) => _byBrazeId.GetValueOrDefault(brazeId);

    internal SandboxUser? ByExternalId(string externalId) => _byExternalId.GetValueOrDefault(externalId);

    internal SandboxUser? ByAlias(UserAlias alias) => _byAlias.GetValueOrDefault(alias);

    internal IEnumerable<SandboxUser> AllUsers => _byBrazeId.Values;

    internal void Index(SandboxUser user)
    {
        _byBrazeId[user.BrazeId] = user;
        if (user.ExternalId is not null)
        {
            _byExternalId[user.ExternalId] = user;
        }

        foreach (var deprecated in user.DeprecatedExternalIds)
        {
            _byExternalId[deprecated] = user;
        }

        foreach (var (label, name) in user.Aliases)
        {
            _byAlias[new UserAlias(label, name)] = user;
        }
    }

    internal void Unindex(SandboxUser user)
    {
        _byBrazeId.Remove(user.BrazeId);
        if (user.ExternalId is not null)
        {
            _byExternalId.Remove(user.ExternalId);
        }

        foreach (var deprecated in user.DeprecatedExternalIds)
        {
            _byExternalId.Remove(deprecated);
        }

        foreach (var (label, name) in user.Aliases)
        {
            _byAlias.Remove(new UserAlias(label, name));
        }
    }

    internal void IndexExternalId(SandboxUser user, string externalId) => _byExternalId[externalId] = user;

    internal void UnindexExternalId(string externalId) => _byExternalId.Remove(externalId);

    internal void IndexAlias(SandboxUser user, UserAlias alias) => _byAlias[alias] = user;

    internal void UnindexAlias(UserAlias alias) => _byAlias.Remove(alias);
}
