namespace Switchyard.Core.Profiles;

/// <summary>Running a unit of work on the profile store until it commits without a conflict.</summary>
public static class ProfileSessions
{
    /// <summary>
    /// How many times a unit of work is run before its conflict is let through. Conflicts need two sessions touching the
    /// same user at once, so a run after a conflict nearly always succeeds; the bound only stops a livelock.
    /// </summary>
    public const int MaxAttempts = 20;

    /// <summary>
    /// Runs <paramref name="work"/> in a new session and commits it; when the commit meets a
    /// <see cref="ProfileWriteConflictException"/>, runs it again in another session (reading the new state).
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<IProfileSession>> sessions, Func<IProfileSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            using var session = await sessions(cancellationToken).ConfigureAwait(false);
            var result = await work(session).ConfigureAwait(false);
            try
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (ProfileWriteConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{CancellationToken, ValueTask{IProfileSession}}, Func{IProfileSession, Task{T}}, CancellationToken)"/>
    public static Task<T> RunAsync<T>(IProfileStore store, Func<IProfileSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return RunAsync(store.BeginSessionAsync, work, cancellationToken);
    }
}
