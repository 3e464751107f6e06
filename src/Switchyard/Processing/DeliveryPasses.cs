namespace Switchyard.Processing;

/// <summary>
/// The delivery passes running now, so that an erasure can wait for every pass that may have claimed the user's items
/// before it erased them: once those have ended, nothing of the user is on its way to Braze, and the Braze deletion
/// sent after that cannot be overtaken by a late <c>/users/track</c> that would create the user again. Passes that
/// start later are not waited for (they cannot see items that were already erased).
/// </summary>
internal sealed class DeliveryPasses
{
    private readonly Lock _gate = new();
    private readonly HashSet<long> _running = [];
    private long _last;
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Begin()
    {
        lock (_gate)
        {
            _running.Add(++_last);
            return _last;
        }
    }

    public void End(long pass)
    {
        TaskCompletionSource ended;
        lock (_gate)
        {
            _running.Remove(pass);
            ended = _ended;
            _ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        ended.TrySetResult();
    }

    /// <summary>Completes when every pass running at the call has ended.</summary>
    public async Task WaitForRunningAsync(CancellationToken cancellationToken)
    {
        long[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        while (true)
        {
            Task ended;
            lock (_gate)
            {
                if (!running.Any(_running.Contains))
                {
                    return;
                }

                ended = _ended.Task;
            }

            await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
