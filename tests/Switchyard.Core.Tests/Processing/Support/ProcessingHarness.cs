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
        var outcome = Processor.Process(session, batch, receivedAtMs ?? nowMs, Audiences, nowMs);
        session.SetCheckpoint(++_sequence);
        session.Commit();
        return outcome;
    }

    public ProcessOutcome Reevaluate(long mpid, long nowMs)
    {
        using var session = Store.BeginSession();
        var outcome = Processor.Reevaluate(session, mpid, Audiences, nowMs);
        session.Commit();
        return outcome;
    }

    public Profile Profile(long mpid) => Store.FindProfile(mpid) ?? throw new InvalidOperationException($"no profile {mpid}");
}
