namespace Switchyard.Core.Profiles;

public sealed class StoredConsent
{
    public bool Consented { get; set; }

    public long UpdatedAtMs { get; set; }
}
