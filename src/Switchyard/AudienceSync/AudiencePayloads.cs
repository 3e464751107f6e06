using Switchyard.Braze.Engine;

namespace Switchyard.AudienceSync;

/// <summary>The outbox payloads of audience outputs (the engine's format, <see cref="BrazeAudiencePayload"/>).</summary>
internal static class AudiencePayloads
{
    public static string Sync { get; } = BrazeAudiencePayload.CreateSync();

    public static string CleanUp(int audienceId) => BrazeAudiencePayload.CreateCleanup([audienceId]);
}
