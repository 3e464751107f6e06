using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="AttAuthorizationStatus"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class AttAuthorizationStatusConverter() : WireEnumConverter<AttAuthorizationStatus>(Names)
{
    internal static readonly AttAuthorizationStatusConverter Instance = new();

    private static KeyValuePair<string, AttAuthorizationStatus>[] Names =>
    [
        new("authorized", AttAuthorizationStatus.Authorized),
        new("denied", AttAuthorizationStatus.Denied),
        new("not_determined", AttAuthorizationStatus.NotDetermined),
        new("restricted", AttAuthorizationStatus.Restricted),
    ];
}
