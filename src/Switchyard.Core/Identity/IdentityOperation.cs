namespace Switchyard.Core.Identity;

/// <summary>The calls of mParticle's Identity API that take <c>known_identities</c>.</summary>
public enum IdentityOperation
{
    Identify,
    Login,
    Logout,
    Search,
}
