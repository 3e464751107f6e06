namespace Switchyard.Core.Workspace;

/// <summary>
/// What sends to an input feed. <see cref="Events"/> is any Events API client; the Braze kinds are the feeds Braze
/// Currents posts to, as mParticle's Braze feed inputs are: iOS, Android and Web "act as" that platform, Unbound takes
/// email, SMS and other non-app events (reference/mparticle.md §5).
/// </summary>
public enum InputFeedKind
{
    Events,
    BrazeIos,
    BrazeAndroid,
    BrazeWeb,
    BrazeUnbound,
}
