namespace Switchyard.Sandbox.Users;

/// <summary>Puts the store back as it was before a failed request (callers hold the store lock).</summary>
internal sealed partial class UserStore
{
    private void RollBack(UserWriteSession session)
    {
        foreach (var brazeId in session.Created)
        {
            _byBrazeId.Remove(brazeId);
        }

        foreach (var (brazeId, before) in session.Undo)
        {
            _byBrazeId[brazeId] = before;
        }

        // The request may have moved external ids and aliases between users (identify, merge); rebuilding the two
        // lookup indexes from the restored users is simpler than undoing each move, and failures are rare.
        _byExternalId.Clear();
        _byAlias.Clear();
        foreach (var user in _byBrazeId.Values.ToList())
        {
            Index(user);
        }
    }
}
