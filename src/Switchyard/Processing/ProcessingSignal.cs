using System.Threading.Channels;

namespace Switchyard.Processing;

/// <summary>
/// Wakes the processor when the inbox has new batches, instead of it polling hard. Signals coalesce. Each partition
/// lane waits on a latch of its own (<see cref="Subscribe"/>), so one notification wakes every lane.
/// </summary>
internal sealed class ProcessingSignal
{
    private readonly Latch _default = new();
    private readonly Lock _gate = new();
    private Latch[] _latches = [];

    public ProcessingSignal() => _latches = [_default];

    public void Notify()
    {
        foreach (var latch in Volatile.Read(ref _latches))
        {
            latch.Set();
        }
    }

    /// <summary>Completes when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _default.WaitAsync(timeout, cancellationToken);

    /// <summary>A latch of its own, set by every <see cref="Notify"/> from now on.</summary>
    public Latch Subscribe()
    {
        var latch = new Latch();
        lock (_gate)
        {
            _latches = [.. _latches, latch];
        }

        return latch;
    }

    internal sealed class Latch
    {
        private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public void Set() => _channel.Writer.TryWrite(true);

        /// <summary>Completes when set or after <paramref name="timeout"/>, whichever comes first.</summary>
        public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                await _channel.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
