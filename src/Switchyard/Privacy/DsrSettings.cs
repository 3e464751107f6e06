using Switchyard.Core.Privacy;
using Switchyard.Core.Workspace;

namespace Switchyard.Privacy;

/// <summary>How data subject requests are run: the workspace's privacy section plus the worker's pace (shortened by tests).</summary>
internal sealed record DsrSettings
{
    public required DsrCallbackPolicy Callbacks { get; init; }

    public TimeSpan ErasureWaitingPeriod { get; init; }

    public Uri? PublicBaseUrl { get; init; }

    /// <summary>How often the worker looks for work when nothing woke it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after the profile erasure the final sweep runs: a delivery in flight at the erasure may still record a
    /// ledger or a dead letter for the user, and the sweep removes it.
    /// </summary>
    public TimeSpan SweepDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to the time a request becomes workable for <c>expected_completion_time</c>.</summary>
    public TimeSpan ExpectedDuration { get; init; } = TimeSpan.FromHours(1);

    public int MaxDeletionAttempts { get; init; } = 10;

    public int MaxCallbackAttempts { get; init; } = 5;

    /// <summary>The <c>X-OpenDSR-Processor-Domain</c> value.</summary>
    public string ProcessorDomain { get; init; } = "switchyard.local";

    public static DsrSettings From(Workspace workspace, TimeSpan? pollInterval, TimeSpan? sweepDelay) => new()
    {
        Callbacks = new DsrCallbackPolicy(workspace.Privacy.DsrCallbackUrls),
        ErasureWaitingPeriod = workspace.Privacy.ErasureWaitingPeriod,
        PublicBaseUrl = workspace.Privacy.PublicBaseUrl,
        ProcessorDomain = workspace.Privacy.PublicBaseUrl?.Host ?? "switchyard.local",
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(1),
        SweepDelay = sweepDelay ?? TimeSpan.FromSeconds(30),
    };
}
