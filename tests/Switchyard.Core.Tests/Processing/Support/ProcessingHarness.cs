using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing.Support;

/// <summary>The worker's loop in miniature: one session per batch, processed, checkpointed and committed.</summary>
internal sealed class ProcessingHarness(ProcessingSettings? settings = null)
{
    private long _sequence;

    public InMemoryProfileStore Store { get; } = new();

    public TestAudiences Audiences { get; } = new();

    public BatchProcessor Processor { get; } = new(settings ?? new ProcessingSettings());

    public ProcessOutcome Process(Batch batch, long nowMs = TestBatches.T0, long? receivedAtMs = null)
    {
        using var session = Store.BeginSession();
        var outcome = Completed(Processor.ProcessAsync(session, batch, receivedAtMs ?? nowMs, Audiences, nowMs, default));
        session.SetCheckpoint(++_sequence);
        session.Commit();
        return outcome;
    }

    public ProcessOutcome Reevaluate(long mpid, long nowMs)
    {
        using var session = Store.BeginSession();
        var outcome = Completed(Processor.ReevaluateAsync(session, mpid, Audiences, nowMs, default));
        session.Commit();
        return outcome;
    }

    /// <summary>The in-memory store answers at once, so the processor's work completes before it returns.</summary>
    public static T Completed<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : throw new InvalidOperationException("the in-memory store should answer at once");

    public Profile Profile(long mpid) => Store.FindProfile(mpid) ?? throw new InvalidOperationException($"no profile {mpid}");
}
