using Microsoft.Extensions.DependencyInjection;
using Switchyard.Braze.Outputs;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Delivery.MParticle;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;

namespace Switchyard.Cli.Config;

/// <summary>
/// Checks a workspace file as <c>serve --config</c> does before it opens anything: the workspace loader (which stops at
/// the first error, JSON syntax errors with their line and column, placeholder secrets included), then each output's
/// settings, whose parsers report every error at once.
/// </summary>
internal static class WorkspaceCheck
{
    private static readonly Uri StandIn = new("http://127.0.0.1:8081");

    /// <summary>The output types <c>serve</c> registers.</summary>
    private static readonly Lazy<OutputTypeRegistry> Registry = new(() =>
    {
        using var services = new ServiceCollection().AddBrazeOutputs().AddMParticleOutput().BuildServiceProvider();
        return new OutputTypeRegistry(services.GetServices<IOutputType>());
    });

    /// <returns>The workspace when it is valid; otherwise the errors, each naming its field.</returns>
    public static (Workspace? Workspace, IReadOnlyList<string> Errors) Run(string path)
    {
        Workspace workspace;
        try
        {
            workspace = WorkspaceLoader.LoadFile(path);
        }
        catch (WorkspaceException e)
        {
            return (null, [e.Message]);
        }

        // As serve does: outputs naming the embedded sandbox are pointed at it before their settings are read (any
        // loopback address stands in for the port it would get).
        var outputs = EmbeddedSandbox.Keys(workspace).Count == 0 ? workspace : EmbeddedSandbox.PointAt(workspace, StandIn);
        var errors = new List<string>();
        for (var i = 0; i < outputs.Outputs.Count; i++)
        {
            var output = outputs.Outputs[i];
            IReadOnlyList<BrazeSettingsError> found = output.Type switch
            {
                OutputTypes.Braze => BrazeOutputSettings.Parse(output.SettingsJson).Errors,
                OutputTypes.BrazeAudience => BrazeAudienceSettings.Parse(output.SettingsJson).Errors,
                _ => [],
            };
            // Worded as serve words them (BrazeOutputs, AudienceOutputs), with the file named once per line.
            errors.AddRange(found.Select(e => $"Invalid workspace file '{path}': outputs[{i}].settings{(e.Field.Length == 0 ? "" : "." + e.Field)}: {e.Message}"));
        }

        if (errors.Count == 0)
        {
            // Then as the host does at start: every output's type must be registered (braze, braze_audience, mparticle)
            // and its settings must parse.
            try
            {
                Registry.Value.Check(outputs);
            }
            catch (WorkspaceException e)
            {
                errors.Add($"Invalid workspace file '{path}': {e.Message}");
            }
        }

        return errors.Count == 0 ? (workspace, []) : (null, errors);
    }
}
