namespace Switchyard.Sandbox.Users;

/// <summary>
/// The users as readers (export, segments) see them while a consistency delay is set: copies, each as it was before
/// its latest write if that write is younger than the delay. Built per read; lookups scan, which is fine at the
/// sandbox's scale and costs nothing when no delay is set (this view is not used then).
/// </summary>
internal sealed class VisibleUsers(IReadOnlyList<SandboxUser> users) : IUserLookup
{
    public IReadOnlyList<SandboxUser> All => users;

    public SandboxUser? FindByBrazeId(string brazeId) => users.FirstOrDefault(u => u.BrazeId == brazeId);

    public SandboxUser? FindByExternalId(string externalId) =>
        users.FirstOrDefault(u => u.ExternalId == externalId) ?? users.FirstOrDefault(u => u.DeprecatedExternalIds.Contains(externalId));

    public SandboxUser? FindByAlias(UserAlias alias) =>
        users.FirstOrDefault(u => u.Aliases.TryGetValue(alias.Label, out var name) && name == alias.Name);

    public IReadOnlyList<SandboxUser> FindAll(Func<SandboxUser, bool> predicate) => users.Where(predicate).ToList();
}
