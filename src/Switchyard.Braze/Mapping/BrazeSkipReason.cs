namespace Switchyard.Braze.Mapping;

public enum BrazeSkipReason
{
    /// <summary>The user has neither the configured external identity nor a push token (reference/mparticle.md §2.3: anonymous users are dropped).</summary>
    NoExternalIdentityOrPushToken,

    /// <summary>The user is known but nothing in the batch maps to Braze (e.g. only unforwarded event types).</summary>
    NothingToSend,
}
