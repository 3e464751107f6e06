using Switchyard.Core.Workspace;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// The output types this process knows, by name, in registration order. The workspace's outputs are checked against it
/// at load (<see cref="Check"/>): an unknown type or invalid settings stop start-up with the field named.
/// </summary>
public sealed class OutputTypeRegistry
{
    private readonly List<IOutputType> _types = [];

    public OutputTypeRegistry(IEnumerable<IOutputType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (_types.Any(t => t.Name == type.Name))
            {
                throw new ArgumentException($"The output type '{type.Name}' is registered twice.", nameof(types));
            }

            _types.Add(type);
        }
    }

    public IReadOnlyList<string> Names => _types.Select(t => t.Name).ToArray();

    public IOutputType? Find(string name) => _types.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// Checks every output's type and settings; returns each output with its parsed settings, in workspace order.
    /// Throws <see cref="WorkspaceException"/> naming <c>outputs[i].type</c> or <c>outputs[i].settings.field</c>.
    /// </summary>
    public IReadOnlyList<ConfiguredOutput> Check(Workspace.Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var outputs = new List<ConfiguredOutput>(workspace.Outputs.Count);
        for (var i = 0; i < workspace.Outputs.Count; i++)
        {
            outputs.Add(Check(workspace.Outputs[i], $"outputs[{i}]"));
        }

        return outputs;
    }

    /// <summary>Checks one output's type and settings; an error names <c>{at}.type</c> or <c>{at}.settings.field</c>.</summary>
    public ConfiguredOutput Check(OutputDefinition output, string at)
    {
        ArgumentNullException.ThrowIfNull(output);
        var type = Find(output.Type)
            ?? throw new WorkspaceException($"{at}.type: '{output.Type}' is not an output type ({string.Join(", ", Names)}).");
        var parsed = type.ParseSettings(output.SettingsJson);
        if (parsed.Settings is not { } settings)
        {
            throw new WorkspaceException($"{at}.settings{(parsed.Field.Length == 0 ? "" : "." + parsed.Field)}: {parsed.Message}");
        }

        return new ConfiguredOutput(output, type, settings);
    }
}
