using System.Globalization;

namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// The outbox payloads audience sync queues for an audience output: <c>{"sync":true}</c>, bring the user's membership
/// attributes up to date with the profile, or <c>{"cleanup":[11036]}</c>, remove this audience's attributes from the
/// user. The audience output reads them back (docs/audience-sync.md).
/// </summary>
public static class AudienceSyncPayloads
{
    /// <summary>The payload of a sync item.</summary>
    public const string Sync = """{"sync":true}""";

    /// <summary>The payload of a clean-up item for one audience.</summary>
    public static string CleanUp(int audienceId) => "{\"cleanup\":[" + audienceId.ToString(CultureInfo.InvariantCulture) + "]}";
}
