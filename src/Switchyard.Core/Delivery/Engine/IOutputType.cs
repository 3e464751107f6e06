namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// A kind of destination a workspace's outputs may name (<c>"type"</c>): a plug-in of the delivery engine. It validates
/// an output's settings once, at load, and builds the output's <see cref="IOutputSender"/>; the engine does the rest.
/// Registered in the service collection as <see cref="IOutputType"/> (e.g. <c>services.AddBrazeOutputs()</c>).
/// </summary>
public interface IOutputType
{
    /// <summary>The name a workspace file uses, e.g. <c>braze</c>.</summary>
    string Name { get; }

    /// <summary>Validates the output's <c>settings</c> object; an error names the field inside it.</summary>
    OutputSettingsResult ParseSettings(string settingsJson);

    /// <summary>Builds the sender of one output from the settings <see cref="ParseSettings"/> returned.</summary>
    IOutputSender CreateSender(OutputSetup setup);
}
