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

/// <summary>This node's share of the user partitions.</summary>
/// <param name="Shared">Whether the node shares its store with other nodes (PostgreSQL); when not, it holds every partition.</param>
/// <param name="Node">The node's id among those sharing the store; null when it is alone.</param>
/// <param name="Held">The partitions the node holds and trusts now (every one when it is alone).</param>
/// <param name="FencedCommits">Chunk commits refused since the node started because another node had taken a partition over.</param>
internal sealed record PartitionsView(bool Shared, string? Node, IReadOnlyList<int> Held, long FencedCommits);

/// <summary>An output: its input connections (event outputs) or its audience connections (audience outputs).</summary>
/// <param name="Source"><c>file</c> (read-only at run time) or <c>admin</c> (created through the admin API).</param>
internal sealed record OutputView(string Id, string Type, long Queued, IReadOnlyList<ConnectionView> Connections, IReadOnlyList<AudienceConnectionRef> AudienceConnections, string Source);

internal sealed record AudienceConnectionRef(int Audience, bool Active);

internal sealed record ConnectionView(string Input, bool Active);

internal sealed record OutputList(IReadOnlyList<OutputView> Outputs);

/// <param name="KeepsBatch">The dead letter holds its own copy of its inbox batch, so it replays after the inbox pruned it.</param>
/// <param name="ReplayCost">Braze data points a replay would cost now; null where it cannot be judged (<see cref="ReplayCosts"/>).</param>
internal sealed record DeadLetterView(long Id, string Output, string Mpid, string Reason, int Attempts, DateTimeOffset DeadAt, bool KeepsBatch, ReplayCost? ReplayCost);

internal sealed record DeadLetterList(IReadOnlyList<DeadLetterView> DeadLetters, long? NextAfter);

/// <param name="Settings">As the output's type redacts them: the REST API key is never shown.</param>
/// <param name="Source"><c>file</c> (read-only at run time) or <c>admin</c> (created through the admin API).</param>
internal sealed record OutputDetail(string Id, string Type, long Queued, JsonElement Settings, string? BrazeWorkspace, string Source);

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

/// <summary>The body of <c>PUT /admin/audience-connections/{output}/{audience}</c> (documentation only: the handler reads it itself).</summary>
internal sealed record ConnectionActiveBody(bool Active);

/// <summary>A reconcile job (docs/admin-api.md, Reconcile).</summary>
internal sealed record ReconcileJobView(
    string Id, string Output, string Scope, string Status, long? Total, long Checked, long Drifted, long Repaired, long Skipped, long NotFound,
    long Exports, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);

internal sealed record ReconcileJobList(IReadOnlyList<ReconcileJobView> Jobs);

/// <summary>The body of <c>POST /admin/outputs/{id}/reconcile</c>: exactly one of the three (documentation only).</summary>
internal sealed record ReconcileRequestBody(IReadOnlyList<string>? ExternalIds, bool? All, int? Audience);
