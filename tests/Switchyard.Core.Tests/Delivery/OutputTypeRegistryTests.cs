using System.Text.Json;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Delivery;

public sealed class OutputTypeRegistryTests
{
    private static readonly OutputTypeRegistry Registry = new([new NamedType("braze"), new NamedType("braze_audience"), new NamedType("mparticle")]);

    [Fact]
    public void A_type_no_registered_output_type_has_fails_naming_the_field_and_listing_the_types()
    {
        var error = Assert.Throws<WorkspaceException>(
            () => WorkspaceLoader.Parse("""{"outputs":[{"id":"b","type":"segment","settings":{}}]}""", Registry));

        Assert.Equal("outputs[0].type: 'segment' is not an output type (braze, braze_audience, mparticle).", error.Message);
    }

    [Fact]
    public void Settings_the_output_type_refuses_fail_naming_the_field_inside_settings()
    {
        var error = Assert.Throws<WorkspaceException>(
            () => WorkspaceLoader.Parse("""{"outputs":[{"id":"a","type":"braze","settings":{}},{"id":"b","type":"mparticle","settings":{"bad":1}}]}""", Registry));

        Assert.Equal("outputs[1].settings.bad: is not allowed here.", error.Message);
    }

    [Fact]
    public void A_workspace_the_types_accept_comes_back_with_each_outputs_parsed_settings_in_order()
    {
        var workspace = WorkspaceLoader.Parse("""{"outputs":[{"id":"a","type":"mparticle","settings":{}},{"id":"b","type":"braze","settings":{}}]}""", Registry);

        var outputs = Registry.Check(workspace);

        Assert.Equal(["a", "b"], outputs.Select(o => o.Id));
        Assert.Equal(["mparticle", "braze"], outputs.Select(o => o.Type.Name));
        Assert.Equal("parsed mparticle", outputs[0].Settings);
    }

    [Fact]
    public void Two_output_types_with_one_name_cannot_be_registered()
    {
        var error = Assert.Throws<ArgumentException>(() => new OutputTypeRegistry([new NamedType("braze"), new NamedType("braze")]));

        Assert.Contains("'braze' is registered twice", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An output type that refuses any settings field called <c>bad</c>; it is never asked for a sender here.</summary>
    private sealed class NamedType(string name) : IOutputType
    {
        public string Name => name;

        public OutputSettingsResult ParseSettings(string settingsJson)
        {
            using var settings = JsonDocument.Parse(settingsJson);
            return settings.RootElement.TryGetProperty("bad", out _)
                ? OutputSettingsResult.Invalid("bad", "is not allowed here.")
                : OutputSettingsResult.Valid("parsed " + name);
        }

        public IOutputSender CreateSender(OutputSetup setup) => throw new NotSupportedException("only settings are checked here");
    }
}
