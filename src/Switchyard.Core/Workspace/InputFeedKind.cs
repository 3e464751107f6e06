namespace Switchyard.Core.Workspace;

/// <summary>
/// What sends to an input feed. <see cref="Events"/> is any Events API client; the Braze kinds are the feeds Braze
/// Currents posts to, as mParticle's Braze feed inputs are: iOS, Android and Web "act as" that platform, Unbound takes
/// email, SMS and other non-app events (reference/mparticle.md §5). <see cref="Web"/> is a web page running mParticle's
/// Web SDK: its key is public (it is in the page) and it has no secret, so it is accepted only from its origins.
/// </summary>
public enum InputFeedKind
{
    Events,
    BrazeIos,
    BrazeAndroid,
    BrazeWeb,
    BrazeUnbound,
    Web,
}
