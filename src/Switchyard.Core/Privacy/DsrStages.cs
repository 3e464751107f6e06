namespace Switchyard.Core.Privacy;

/// <summary>
/// The steps a request goes through. Each is idempotent and stored before the next begins, so a restart repeats at
/// most the step it was in.
/// </summary>
public static class DsrStages
{
    /// <summary>Find the profiles the identities name; queue the Braze deletions; note the inbox mark.</summary>
    public const string Resolve = "resolve";

    /// <summary>Erase the subject's batches up to the inbox mark.</summary>
    public const string Inbox = "inbox";

    /// <summary>Wait until the processor has passed the inbox mark, so no batch read before the inbox step is still in flight.</summary>
    public const string Drain = "drain";

    /// <summary>Erase profiles, identities, memberships, event history, ledgers, outbox items and dead letters.</summary>
    public const string Profiles = "profiles";

    /// <summary>Wait for the Braze deletions and the sweep time, erase once more, then complete.</summary>
    public const string Forward = "forward";

    /// <summary>Access and portability: collect everything held and store the result.</summary>
    public const string Collect = "collect";

    public const string Done = "done";
}
