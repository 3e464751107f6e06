namespace Switchyard.Core.Profiles;

public sealed class StoredPushToken
{
    public string Token { get; set; } = "";

    public long UpdatedAtMs { get; set; }
}
