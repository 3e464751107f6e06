namespace Switchyard.Sandbox.Currents;

/// <summary>
/// The <c>event_name</c> of each simulated event. Braze's exact strings for its mParticle export are UNVERIFIED
/// (reference/mparticle.md §5 only quotes older examples such as "Push Notification Open"); docs/sandbox.md lists them.
/// </summary>
internal static class CurrentsEventNames
{
    public const string PushSend = "Push Notification Send";
    public const string PushOpen = "Push Notification Open";
    public const string EmailSend = "Email Sent";
    public const string EmailOpen = "Email Opened";
    public const string EmailClick = "Email Clicked";
    public const string EmailUnsubscribe = "Email Unsubscribed";
}
