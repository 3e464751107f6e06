namespace Switchyard.Sandbox.Users;

/// <summary>
/// What the store needs to undo a request: a copy of each existing user taken before the request could touch it,
/// and the users it created. Callers change users in place, so the copy is taken when a lookup hands a user out.
/// </summary>
internal sealed partial class UserWriteSession
{
    private readonly Dictionary<string, SandboxUser> _before = new(StringComparer.Ordinal);
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    /// <summary>Existing users as they were before this request, by braze_id.</summary>
    public IReadOnlyDictionary<string, SandboxUser> Undo => _before;

    /// <summary>braze_ids of users this request created.</summary>
    public IReadOnlyCollection<string> Created => _created;

    private SandboxUser? Expose(SandboxUser? user)
    {
        if (user is not null && !_created.Contains(user.BrazeId) && !_before.ContainsKey(user.BrazeId))
        {
            _before[user.BrazeId] = user.DeepClone();
        }

        return user;
    }
}
