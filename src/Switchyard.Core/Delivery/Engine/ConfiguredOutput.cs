using Switchyard.Core.Workspace;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>A workspace output with its type and its validated settings.</summary>
public sealed record ConfiguredOutput(OutputDefinition Definition, IOutputType Type, object Settings)
{
    public string Id => Definition.Id;

    /// <summary>Settings hold secrets: never printed.</summary>
    public override string ToString() => $"ConfiguredOutput {{ Id = {Id}, Type = {Type.Name} }}";
}
