namespace Switchyard.Privacy;

/// <summary>Wakes the DSR worker when a request arrives or is cancelled, so it need not wait for its next poll.</summary>
internal sealed class DsrSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
