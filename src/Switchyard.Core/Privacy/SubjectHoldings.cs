using Switchyard.Core.Profiles;

namespace Switchyard.Core.Privacy;

/// <summary>Everything the profile store holds about one MPID, for an access or portability answer.</summary>
public sealed record SubjectHoldings(
    Profile Profile,
    IReadOnlyList<KeyValuePair<string, string>> IdentityLinks,
    IReadOnlyList<int> Audiences,
    IReadOnlyList<MembershipChange> MembershipLog,
    IReadOnlyList<LedgerEntry> Ledgers,
    int QueuedItems,
    int DeadLetters);

/// <summary>One field of an output's last-sent ledger.</summary>
public sealed record LedgerEntry(string OutputId, string Field, string Value);
