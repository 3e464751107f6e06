using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Hosting;

/// <summary>
/// The workspace's outputs of every type, checked by their output types, in workspace order. They change at run time
/// (the admin API): <see cref="Replace"/> swaps the list and raises <see cref="Changed"/>, and the delivery worker starts
/// and stops loops to match.
/// </summary>
internal sealed class DeliveryOutputs(IReadOnlyList<ConfiguredOutput> outputs)
{
    private volatile IReadOnlyList<ConfiguredOutput> _all = outputs;

    public IReadOnlyList<ConfiguredOutput> All => _all;

    public IEnumerable<string> Ids => All.Select(o => o.Id);

    /// <summary>Raised after <see cref="All"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Takes these outputs from now on; an output whose definition did not change keeps its instance.</summary>
    public void Replace(IReadOnlyList<ConfiguredOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var current = _all;
        _all = [.. outputs.Select(o => current.FirstOrDefault(c => c.Definition == o.Definition) ?? o)];
        Changed?.Invoke();
    }
}
