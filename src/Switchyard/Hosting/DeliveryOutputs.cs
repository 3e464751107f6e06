using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Hosting;

/// <summary>The workspace's outputs of every type, checked by their output types at start-up, in workspace order.</summary>
internal sealed class DeliveryOutputs(IReadOnlyList<ConfiguredOutput> outputs)
{
    public IReadOnlyList<ConfiguredOutput> All { get; } = outputs;

    public IEnumerable<string> Ids => All.Select(o => o.Id);
}
