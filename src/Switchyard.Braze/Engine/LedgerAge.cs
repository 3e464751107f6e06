namespace Switchyard.Braze.Engine;

/// <summary>
/// The output's ledger age limit (<c>ledgerMaxAge</c>) as the store's cut-off: entries acknowledged before it no longer
/// prove that Braze still has the value, so the user's next update sends it again (docs/braze-client.md, ledger age).
/// </summary>
internal static class LedgerAge
{
    /// <summary>The earliest acknowledgement time (Unix ms) that still counts; a zero age counts none.</summary>
    public static long FreshSinceMs(TimeSpan maxAge, DateTimeOffset now) =>
        maxAge <= TimeSpan.Zero ? long.MaxValue : now.ToUnixTimeMilliseconds() - (long)maxAge.TotalMilliseconds;
}
