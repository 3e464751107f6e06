using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Users;

/// <summary>
/// One request's view of the store while it holds the lock: lookups, creation, deletion and alias changes, plus the
/// set of users to persist and the data points to bill. Every user it hands out was copied first (see
/// <see cref="UserWriteSession.Undo"/>), so the store can put the request's changes back if they cannot be committed.
/// </summary>
internal sealed partial class UserWriteSession(UserStore store, DateTimeOffset now) : IUserLookup
{
    public DateTimeOffset Now { get; } = now;

    public SandboxSettings Settings => store.Settings;

    public DataPointTally DataPoints { get; } = new();

    public HashSet<SandboxUser> Changed { get; } = [];

    public HashSet<string> Deleted { get; } = new(StringComparer.Ordinal);

    public SandboxUser? FindByBrazeId(string brazeId) => Expose(store.ByBrazeId(brazeId));

    public SandboxUser? FindByExternalId(string externalId) => Expose(store.ByExternalId(externalId));

    public SandboxUser? FindByAlias(UserAlias alias) => Expose(store.ByAlias(alias));

    /// <summary>Every user matching <paramref name="predicate"/>, which must only read the user it is given.</summary>
    public IReadOnlyList<SandboxUser> FindAll(Func<SandboxUser, bool> predicate) =>
        store.AllUsers.Where(predicate).Select(u => Expose(u)!).ToList();

    public SandboxUser Create(string? externalId = null, UserAlias? alias = null)
    {
        var user = new SandboxUser(NewBrazeId(), Now) { ExternalId = externalId };
        if (alias is { } a)
        {
            user.Aliases[a.Label] = a.Name;
        }

        store.Index(user);
        _created.Add(user.BrazeId);
        Changed.Add(user);
        return user;
    }

    /// <summary>Marks <paramref name="user"/> as changed now, for persistence and "most recently updated".</summary>
    public void Touch(SandboxUser user)
    {
        user.UpdatedAt = Now;
        Changed.Add(user);
    }

    public void SetExternalId(SandboxUser user, string externalId)
    {
        user.ExternalId = externalId;
        store.IndexExternalId(user, externalId);
        Touch(user);
    }

    /// <summary>
    /// <c>/users/external_ids/rename</c>: <paramref name="newExternalId"/> becomes the primary id and the current one is
    /// kept as deprecated, so lookups by either still find the user. The caller has checked both ids.
    /// </summary>
    public void RenameExternalId(SandboxUser user, string newExternalId)
    {
        user.DeprecatedExternalIds.Add(user.ExternalId!);
        user.ExternalId = newExternalId;
        store.IndexExternalId(user, newExternalId);
        Touch(user);
    }

    /// <summary><c>/users/external_ids/remove</c>: forgets a deprecated id; the user keeps the rest.</summary>
    public void RemoveDeprecatedExternalId(SandboxUser user, string externalId)
    {
        user.DeprecatedExternalIds.Remove(externalId);
        store.UnindexExternalId(externalId);
        Touch(user);
    }

    /// <summary>
    /// <c>/users/alias/update</c>: renames the alias under the same label. The caller has checked that the new alias is
    /// free.
    /// </summary>
    public void RenameAlias(SandboxUser user, string label, string newName)
    {
        store.UnindexAlias(new UserAlias(label, user.Aliases[label]));
        user.Aliases[label] = newName;
        store.IndexAlias(user, new UserAlias(label, newName));
        Touch(user);
    }

    /// <summary>Adds an alias unless another user owns it or the user already has one with that label (§1.2).</summary>
    public bool TryAddAlias(SandboxUser user, UserAlias alias)
    {
        if (store.ByAlias(alias) is not null || user.Aliases.ContainsKey(alias.Label))
        {
            return false;
        }

        user.Aliases[alias.Label] = alias.Name;
        store.IndexAlias(user, alias);
        Touch(user);
        return true;
    }

    public void RemoveAlias(SandboxUser user, string label)
    {
        if (user.Aliases.Remove(label, out var name))
        {
            store.UnindexAlias(new UserAlias(label, name));
            Touch(user);
        }
    }

    public void Delete(SandboxUser user)
    {
        store.Unindex(user);
        Deleted.Add(user.BrazeId);
    }

    // Braze ids look like 24 hex characters; ours only need to be unique.
    private static string NewBrazeId() => Guid.NewGuid().ToString("N")[..24];
}
