namespace Switchyard.Core.Profiles;

/// <summary>
/// The names identities are stored and looked up under: user identities by their Events API wire name
/// (reference/mparticle.md §1.5; <c>customerid</c> is stored as <c>customer_id</c>), device identities as
/// <c>device:&lt;device_info field&gt;</c> so the two kinds never collide.
/// </summary>
public static class IdentityKeys
{
    public const string CustomerId = "customer_id";

    public const string Email = "email";

    public static string Device(string deviceInfoField) => "device:" + deviceInfoField;
}
