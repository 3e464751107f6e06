namespace Switchyard.Cli.Replay;

/// <summary>A dead letter as <c>GET /admin/dead-letters</c> lists it (docs/admin-api.md).</summary>
/// <param name="Cost">Attributes, events and purchased units a replay would cost; null when the service cannot judge it.</param>
internal sealed record DeadLetterEntry(long Id, string Output, string Mpid, string Reason, int Attempts, (int Attributes, int Events, int Purchases)? Cost)
{
    public int? Total => Cost is var (a, e, p) ? a + e + p : null;
}
