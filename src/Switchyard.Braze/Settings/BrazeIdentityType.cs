namespace Switchyard.Braze.Settings;

/// <summary>
/// The mParticle identity forwarded as Braze <c>external_id</c> or <c>email</c> (reference/mparticle.md §2.1: the kit
/// values of <c>userIdentificationType</c>). <see cref="Mpid"/> is the resolved profile's MPID.
/// </summary>
public enum BrazeIdentityType
{
    CustomerId,
    Email,
    Other,
    Other2,
    Other3,
    Other4,
    Other5,
    Other6,
    Other7,
    Other8,
    Other9,
    Other10,
    Facebook,
    Twitter,
    Google,
    Microsoft,
    Yahoo,
    Alias,
    Mpid,
}
