namespace Switchyard.Sandbox.Users;

/// <summary>
/// The optional consistency delay (<see cref="Hosting.SandboxSettings.ConsistencyDelay"/>): Braze applies writes
/// asynchronously, so a read right after a write may not see it yet. For each user a write touched, the store keeps
/// the copy readers still see and the moment the write becomes visible; a further write within the delay keeps the old
/// copy and moves that moment, so readers see the older state a little longer rather than a half-applied one.
/// Callers hold the store lock.
/// </summary>
internal sealed partial class UserStore
{
    private readonly Dictionary<string, PendingVisibility> _pending = new(StringComparer.Ordinal);

    /// <summary>The users as readers see them now (deep copies). Without a delay, the store as it is.</summary>
    public VisibleUsers VisibleUsers()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var expired in _pending.Where(p => p.Value.Until <= now).Select(p => p.Key).ToList())
            {
                _pending.Remove(expired);
            }

            var visible = new List<SandboxUser>(_byBrazeId.Count);
            foreach (var user in _byBrazeId.Values)
            {
                if (!_pending.TryGetValue(user.BrazeId, out var pending))
                {
                    visible.Add(user.DeepClone());
                }
                else if (pending.Visible is { } before)
                {
                    visible.Add(before.DeepClone());
                }
            }

            // Deleted, but not yet for readers.
            visible.AddRange(_pending
                .Where(p => !_byBrazeId.ContainsKey(p.Key) && p.Value.Visible is not null)
                .Select(p => p.Value.Visible!.DeepClone()));
            return new VisibleUsers(visible);
        }
    }

    private void RecordPending(UserWriteSession session)
    {
        var delay = Settings.ConsistencyDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var until = session.Now + delay;
        foreach (var brazeId in session.Changed.Select(u => u.BrazeId).Concat(session.Deleted).Distinct(StringComparer.Ordinal))
        {
            _pending[brazeId] = _pending.TryGetValue(brazeId, out var pending) && pending.Until > session.Now
                ? pending with { Until = until }
                : new PendingVisibility(session.Undo.GetValueOrDefault(brazeId), until);
        }
    }

    /// <summary>What readers see of one user until <paramref name="Until"/>; <c>null</c>: the user does not exist yet.</summary>
    private sealed record PendingVisibility(SandboxUser? Visible, DateTimeOffset Until);
}
