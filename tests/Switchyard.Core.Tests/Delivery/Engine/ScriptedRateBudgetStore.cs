using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Tests.Delivery.Engine;

/// <summary>
/// Real in-process budgets with the faults a database can show put in front: the store can be made to fail, or to hold
/// its answers until the test lets them through. Counts the takes that reached it.
/// </summary>
internal sealed class ScriptedRateBudgetStore : IRateBudgetStore
{
    private readonly InProcessRateBudgetStore _inner = new();
    private TaskCompletionSource? _held;
    private int _takes;

    public bool Failing { get; set; }

    public int Takes => Volatile.Read(ref _takes);

    /// <summary>From now on takes wait until <see cref="Release"/>.</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _held, null)?.SetResult();

    public async ValueTask<RateBudgetGrant> TakeAsync(RateBudgetTake take, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _takes);
        if (_held is { } held)
        {
            await held.Task.WaitAsync(cancellationToken);
        }

        return Failing
            ? throw new TimeoutException("the database did not answer")
            : await _inner.TakeAsync(take, cancellationToken);
    }

    public ValueTask PauseAsync(string keyId, DateTimeOffset until, CancellationToken cancellationToken) =>
        Failing ? throw new TimeoutException("the database did not answer") : _inner.PauseAsync(keyId, until, cancellationToken);
}
