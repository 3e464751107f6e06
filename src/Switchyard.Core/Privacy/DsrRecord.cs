namespace Switchyard.Core.Privacy;

/// <summary>
/// A data subject request as stored: what was asked, where the worker is with it, and (for access and portability)
/// the result. <see cref="Subject"/> holds the identities being worked on and is cleared when the request ends, so a
/// finished erasure leaves nothing in the store that names the person.
/// </summary>
public sealed record DsrRecord
{
    public required string Id { get; init; }

    /// <summary>The input feed whose credentials submitted it; only that feed can see or cancel it.</summary>
    public required string FeedId { get; init; }

    public required string Regulation { get; init; }

    public required DsrRequestType Type { get; init; }

    public required DsrStatus Status { get; init; }

    public required DateTimeOffset SubmittedTime { get; init; }

    public required DateTimeOffset ReceivedTime { get; init; }

    public DateTimeOffset? ExpectedCompletionTime { get; init; }

    /// <summary>Not worked on before this time (the erasure waiting period, during which it can be cancelled).</summary>
    public required DateTimeOffset NotBefore { get; init; }

    public string? GroupId { get; init; }

    public IReadOnlyList<string> CallbackUrls { get; init; } = [];

    /// <summary>The worker's step (<see cref="DsrStages"/>).</summary>
    public string Stage { get; init; } = DsrStages.Resolve;

    /// <summary>The subject's identities and MPIDs while the request runs (JSON, <see cref="DsrSubject"/>); null once it ends.</summary>
    public string? Subject { get; init; }

    /// <summary>The last inbox sequence when the erasure started: batches up to it are the subject's past.</summary>
    public long InboxMark { get; init; }

    /// <summary>When the final sweep of the profile store may run (after deliveries in flight have settled).</summary>
    public DateTimeOffset? SweepAt { get; init; }

    public DateTimeOffset? CompletedTime { get; init; }

    /// <summary>How many profiles the request matched (reported as <c>results_count</c>).</summary>
    public int? ResultsCount { get; init; }
}
