using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>One caller's append, waiting for the writer to put it in a group commit.</summary>
internal sealed class PendingAppend(IReadOnlyList<InboxRecord> records)
{
    public IReadOnlyList<InboxRecord> Records { get; } = records;

    public TaskCompletionSource<InboxAppendResult> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
