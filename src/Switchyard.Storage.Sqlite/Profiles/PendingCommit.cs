namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>A session waiting for the writer, and how its commit ended.</summary>
internal sealed class PendingCommit(SqliteProfileSession session)
{
    public SqliteProfileSession Session { get; } = session;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
