using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="ProfileEventType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class ProfileEventTypeConverter() : WireEnumConverter<ProfileEventType>(Names)
{
    internal static readonly ProfileEventTypeConverter Instance = new();

    private static KeyValuePair<string, ProfileEventType>[] Names =>
    [
        new("signup", ProfileEventType.Signup),
        new("login", ProfileEventType.Login),
        new("logout", ProfileEventType.Logout),
        new("update", ProfileEventType.Update),
        new("delete", ProfileEventType.Delete),
    ];
}
