using System.Globalization;

namespace Switchyard.Core.Delivery;

/// <summary>
/// The payloads processing queues, written here only: an event output's item names the inbox batch it delivers
/// (<c>{"seq":123}</c>; the output maps the batch when it delivers, against the profile as it is then), and an
/// audience output's item asks for the user's memberships to be sent (<c>{"sync":true}</c>). Outputs read them with
/// their own parsers (the Braze engine's <c>BrazeOutboxPayload</c> and <c>BrazeAudiencePayload</c>, the mParticle relay).
/// </summary>
public static class OutboxPayloads
{
    /// <summary>The item of an event output for the inbox batch with this sequence.</summary>
    public static string Batch(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return "{\"seq\":" + sequence.ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>The item of an audience output that sends the user's current memberships.</summary>
    public const string AudienceSync = "{\"sync\":true}";
}
