using Switchyard.Braze.Settings;
using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>The workspace's Braze (event) outputs with their validated settings.</summary>
internal sealed class BrazeOutputs
{
    private BrazeOutputs(IReadOnlyList<(string Id, BrazeOutputSettings Settings)> outputs) => All = outputs;

    public IReadOnlyList<(string Id, BrazeOutputSettings Settings)> All { get; }

    /// <summary>Validates each Braze output's settings; an invalid one stops start-up naming the output and the field.</summary>
    public static BrazeOutputs From(Workspace workspace)
    {
        var outputs = new List<(string, BrazeOutputSettings)>();
        for (var i = 0; i < workspace.Outputs.Count; i++)
        {
            var output = workspace.Outputs[i];
            if (output.Type != OutputTypes.Braze)
            {
                continue;
            }

            var parsed = BrazeOutputSettings.Parse(output.SettingsJson);
            if (parsed.Settings is not { } settings)
            {
                var error = parsed.Errors[0];
                throw new WorkspaceException($"outputs[{i}].settings{(error.Field.Length == 0 ? "" : "." + error.Field)}: {error.Message}");
            }

            outputs.Add((output.Id, settings));
        }

        return new BrazeOutputs(outputs);
    }
}
