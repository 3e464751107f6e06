using Switchyard.Braze.Settings;
using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>
/// The workspace's Braze (event) outputs with their validated settings. Read at each use (erasures, replay costs, the
/// admin API), so <see cref="Replace"/> brings in outputs created at run time.
/// </summary>
internal sealed class BrazeOutputs
{
    private volatile IReadOnlyList<(string Id, BrazeOutputSettings Settings)> _all;

    private BrazeOutputs(IReadOnlyList<(string Id, BrazeOutputSettings Settings)> outputs) => _all = outputs;

    public IReadOnlyList<(string Id, BrazeOutputSettings Settings)> All => _all;

    /// <summary>Takes the Braze outputs of <paramref name="workspace"/> from now on (already checked by their output type).</summary>
    public void Replace(Workspace workspace) => _all = From(workspace).All;

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
