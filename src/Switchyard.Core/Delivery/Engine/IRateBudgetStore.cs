namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The request budgets of what destinations limit (a Braze REST key), kept where every node of one Switchyard sees them,
/// so that nodes sharing a key also share its budget (<see cref="RateGate"/> draws from it in slices). A budget is a
/// count of permits per fixed window; a key may also be paused after a 429, for every node at once.
/// </summary>
/// <remarks>
/// Keys are named by an id the caller derives (<see cref="RateGates"/> passes the SHA-256 of the key in hex): a store
/// never sees a secret. Implementations are thread-safe, and <see cref="TakeAsync"/> is atomic across every store
/// instance on the same storage: however many take at once, a window never grants more than the limit.
/// </remarks>
public interface IRateBudgetStore
{
    /// <summary>
    /// Takes up to <see cref="RateBudgetTake.Wanted"/> permits of one window of one key, so that the window's total stays
    /// within <see cref="RateBudgetTake.Limit"/>, and returns how many were granted: all that were wanted, what was left,
    /// or none when the window is spent or the key is paused at <see cref="RateBudgetTake.Now"/> (the grant then says
    /// until when).
    /// </summary>
    ValueTask<RateBudgetGrant> TakeAsync(RateBudgetTake take, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses the key on every node until <paramref name="until"/>: takes grant nothing before then. A pause only ever
    /// extends; an earlier end leaves a later one in place.
    /// </summary>
    ValueTask PauseAsync(string keyId, DateTimeOffset until, CancellationToken cancellationToken);
}
