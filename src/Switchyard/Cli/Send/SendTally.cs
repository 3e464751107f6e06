namespace Switchyard.Cli.Send;

/// <summary>What <c>send</c> has done so far; updated by the requests in flight, read by the progress bar and the summary.</summary>
internal sealed class SendTally
{
    private long _sent;
    private long _accepted;
    private long _refused;
    private long _events;
    private long _retries;
    private string? _firstRefusal;

    public long Sent => Interlocked.Read(ref _sent);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Events in accepted batches.</summary>
    public long Events => Interlocked.Read(ref _events);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>The first refusal: where the batch came from, the status and the service's JSON error.</summary>
    public string? FirstRefusal => Volatile.Read(ref _firstRefusal);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Answered(int batches) => Interlocked.Add(ref _sent, batches);

    public void Accept(int batches, int events)
    {
        Interlocked.Add(ref _accepted, batches);
        Interlocked.Add(ref _events, events);
    }

    public void Refuse(int batches, string reason)
    {
        Interlocked.Add(ref _refused, batches);
        Interlocked.CompareExchange(ref _firstRefusal, reason, null);
    }
}
