using Switchyard.Core.Delivery;

namespace Switchyard.Admin;

/// <summary>Queues a dead letter again: the one code path of <c>POST /admin/dead-letters/{id}/replay</c> and the console's button.</summary>
internal static class DeadLetterReplay
{
    /// <summary>False when there is no such dead letter (already replayed, or never was).</summary>
    public static Task<bool> ReplayAsync(IDeliveryStore store, TimeProvider time, long id, CancellationToken cancellationToken) =>
        store.ReplayAsync(id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
}
