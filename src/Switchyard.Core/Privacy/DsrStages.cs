namespace Switchyard.Core.Privacy;

/// <summary>
/// The steps a request goes through. Each is idempotent and stored before the next begins, so a restart repeats at
/// most the step it was in.
/// </summary>
public static class DsrStages
{
    /// <summary>Find the profiles the identities name and all their identities; note the inbox mark.</summary>
    public const string Resolve = "resolve";

    /// <summary>Erase the subject's batches up to the inbox mark.</summary>
    public const string Inbox = "inbox";

    /// <summary>Erase profiles, identities, memberships, event history, ledgers, outbox items and dead letters.</summary>
    public const string Profiles = "profiles";

    /// <summary>
    /// Wait for the sweep time (deliveries in flight at the erasure have finished), erase once more, then queue the
    /// Braze deletions: after the sweep nothing can send the user to Braze again.
    /// </summary>
    public const string Forward = "forward";

    /// <summary>Wait for the Braze deletions to be sent (or dead), then complete and forget the subject.</summary>
    public const string Braze = "braze";

    /// <summary>Access and portability: collect everything held and store the result.</summary>
    public const string Collect = "collect";

    public const string Done = "done";
}
