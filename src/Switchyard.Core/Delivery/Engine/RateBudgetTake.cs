namespace Switchyard.Core.Delivery.Engine;

/// <summary>A request for permits of one window of a key's budget (<see cref="IRateBudgetStore.TakeAsync"/>).</summary>
/// <param name="KeyId">The key's id (a hash, never the key itself); at most 128 characters.</param>
/// <param name="WindowStart">The start of the window, the same instant on every node for the same window.</param>
/// <param name="Window">The window's length; a store keeps a window at least a minute after it ended.</param>
/// <param name="Wanted">Permits wanted, at least 1.</param>
/// <param name="Limit">Permits the window allows in all, at least 1.</param>
/// <param name="Now">The taker's time, against which a pause is judged.</param>
public readonly record struct RateBudgetTake(string KeyId, DateTimeOffset WindowStart, TimeSpan Window, int Wanted, int Limit, DateTimeOffset Now)
{
    /// <summary>The longest key id a store must hold.</summary>
    public const int MaxKeyIdLength = 128;

    /// <summary>Throws when a field is out of range: a bug of the caller, not a store failure.</summary>
    public void Validate()
    {
        ValidateKeyId(KeyId);
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, TimeSpan.FromMilliseconds(1), nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThan(Wanted, 1, nameof(Wanted));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1, nameof(Limit));
    }

    /// <summary>Throws unless <paramref name="keyId"/> is a non-empty id of at most <see cref="MaxKeyIdLength"/> characters.</summary>
    public static void ValidateKeyId(string keyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyId.Length, MaxKeyIdLength, nameof(keyId));
    }
}
