namespace Switchyard.Core.Processing;

/// <summary>
/// Times sent by clients, made safe to order by. A time in the future would win every last-writer-wins comparison
/// until that moment comes, so it is clamped to the receive time plus a small allowance for clock skew (Braze clamps
/// future times to now in the same way, reference/braze.md §1.5); a negative time becomes 0. A missing time is the
/// receive time (reference/mparticle.md §1.3).
/// </summary>
internal static class ClientTime
{
    /// <summary>How far ahead of the receive time a client clock may be before its times are clamped.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>A time carried inside a batch (a consent record, a push registration) that falls back to the batch's write time.</summary>
    public static long Of(long? sentMs, long fallbackMs, long receivedAtMs) => Of(sentMs ?? fallbackMs, receivedAtMs);

    public static long Of(long? sentMs, long receivedAtMs) =>
        sentMs is { } ms ? Math.Clamp(ms, 0, receivedAtMs + (long)MaxClockSkew.TotalMilliseconds) : receivedAtMs;
}
