using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>One caller's append, waiting in the queue for the writer to put it in a flush.</summary>
internal sealed class PendingAppend
{
    public PendingAppend(IReadOnlyList<InboxRecord> records)
    {
        Records = records;
        // Copied now: the caller may reuse its buffers as soon as the call returns or is cancelled, while the writer may
        // reach the append later.
        Payloads = new byte[records.Count][];
        for (var i = 0; i < Payloads.Length; i++)
        {
            Payloads[i] = records[i].Payload.ToArray();
            PayloadBytes += Payloads[i].Length;
        }
    }

    public IReadOnlyList<InboxRecord> Records { get; }

    /// <summary>The records' payloads, owned by the append.</summary>
    public byte[][] Payloads { get; }

    public long PayloadBytes { get; }

    public TaskCompletionSource<InboxAppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
