using System.Globalization;

namespace Switchyard.Core.Delivery;

/// <summary>
/// The payload processing queues for an event output, written here only: the item names the inbox batch it delivers
/// (<c>{"seq":123}</c>; the output maps the batch when it delivers, against the profile as it is then). Audience
/// outputs' payloads are <see cref="AudienceSync.AudienceSyncPayloads"/>. Outputs read them with their own parsers (the
/// Braze engine's <c>BrazeOutboxPayload</c> and <c>BrazeAudiencePayload</c>, the mParticle relay).
/// </summary>
public static class OutboxPayloads
{
    /// <summary>The item of an event output for the inbox batch with this sequence.</summary>
    public static string Batch(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return "{\"seq\":" + sequence.ToString(CultureInfo.InvariantCulture) + "}";
    }
}
