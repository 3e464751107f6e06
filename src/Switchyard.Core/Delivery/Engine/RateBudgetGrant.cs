namespace Switchyard.Core.Delivery.Engine;

/// <summary>What a take got (<see cref="IRateBudgetStore.TakeAsync"/>).</summary>
/// <param name="Granted">Permits granted, from 0 to the number wanted. Fewer than wanted means the window is spent.</param>
/// <param name="PausedUntil">When the key is paused: the end of the pause (nothing was granted); otherwise null.</param>
public readonly record struct RateBudgetGrant(int Granted, DateTimeOffset? PausedUntil);
