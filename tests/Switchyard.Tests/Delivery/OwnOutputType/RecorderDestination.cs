using System.Collections.Concurrent;

namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <summary>Where the recorder output "delivers": a list the test reads.</summary>
internal sealed class RecorderDestination
{
    private readonly ConcurrentQueue<RecordedDelivery> _received = new();

    public IReadOnlyList<RecordedDelivery> Received => [.. _received];

    public void Add(RecordedDelivery delivery) => _received.Enqueue(delivery);
}
