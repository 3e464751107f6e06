using System.Text.Json;

namespace Switchyard.Admin;

/// <summary>An audience with its current size.</summary>
internal sealed record AudienceView(int Id, string Name, string ExternalName, JsonElement Definition, long Size);

internal sealed record AudienceList(IReadOnlyList<AudienceView> Audiences);

internal sealed record AudienceSize(int AudienceId, long Size);

/// <summary>Member MPIDs as strings (64-bit), and where the next page starts.</summary>
internal sealed record AudienceMembers(int AudienceId, IReadOnlyList<string> Mpids, string? NextAfter);

internal sealed record MembershipChangeView(long Id, int AudienceId, string Mpid, string Action, DateTimeOffset At);

internal sealed record MembershipChangeList(IReadOnlyList<MembershipChangeView> Changes, long? NextAfter);

internal sealed record ProcessingView(long InboxBatches, long ProcessedBatches, long ProcessedEvents, long ProfilesCreated, long Conflicts, long UnreadableBatches, long FailedBatches, long MembershipChanges, long EchoSuppressed, long IngestBatchesRefused);

internal sealed record OutputView(string Id, string Type, long Queued, IReadOnlyList<ConnectionView> Connections);

internal sealed record ConnectionView(string Input, bool Active);

internal sealed record OutputList(IReadOnlyList<OutputView> Outputs);

/// <param name="KeepsBatch">The dead letter holds its own copy of its inbox batch, so it replays after the inbox pruned it.</param>
internal sealed record DeadLetterView(long Id, string Output, string Mpid, string Reason, int Attempts, DateTimeOffset DeadAt, bool KeepsBatch);

internal sealed record DeadLetterList(IReadOnlyList<DeadLetterView> DeadLetters, long? NextAfter);

internal sealed record OutputDetail(string Id, string Type, long Queued, JsonElement Settings);

/// <param name="State">active, inactive, audience_deleted (counts as inactive) or output_missing (not in the workspace file).</param>
/// <param name="OutputQueued">Items waiting at the output (all its connections).</param>
/// <param name="OutputLogBehind">Membership-log entries the output has not looked at yet (0: every change so far is queued or passed over).</param>
/// <param name="Note">What Braze keeps when the connection is not active, or what a change did.</param>
internal sealed record AudienceConnectionView(
    string Output,
    int AudienceId,
    string? ExternalName,
    bool Active,
    string State,
    long OutputQueued,
    long OutputLogBehind,
    AudienceJobView? Job,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Note);

/// <param name="Percent">Processed as a share of the total counted at the start (the sets may change meanwhile).</param>
internal sealed record AudienceJobView(long Id, string Kind, string State, long Processed, long Total, int Percent, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

internal sealed record AudienceConnectionList(IReadOnlyList<AudienceConnectionView> Connections, IReadOnlyList<string> Warnings);

internal sealed record AudienceConnectionChange(string Output, int AudienceId, string State, AudienceJobView? Job, string Note);

/// <summary>The answer to deleting an audience that was connected to audience outputs.</summary>
internal sealed record AudienceDeleted(int Deleted, IReadOnlyList<string> ConnectedOutputs, string Note);
