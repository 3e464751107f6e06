using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

/// <summary>Kit-mode connections in the workspace file: web inputs only, with the Braze kit's settings.</summary>
public sealed class KitConnectionWorkspaceTests
{
    private const string Inputs = """
        "inputs":[{"id":"site","kind":"web","key":"wk","origins":["*"]},{"id":"app","key":"k","secret":"0123456789abcdef"}],
        "outputs":[{"id":"braze","type":"braze","settings":{"restApiKey":"rk"}},{"id":"relay","type":"mparticle","settings":{}}]
        """;

    [Fact]
    public void A_kit_connection_is_read_with_its_settings_and_is_no_delivery_route()
    {
        var workspace = WorkspaceLoader.Parse("{" + Inputs + """
            ,"connections":[{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"sdk-key","cluster":"EU02","forwardScreenViews":true}},
                            {"input":"app","output":"braze"}]}
            """);

        var kit = workspace.Connections[0];
        Assert.Equal(ConnectionMode.Kit, kit.Mode);
        Assert.Equal(new BrazeKitSettings("sdk-key", "EU02", null, "CustomerId", true, false), kit.Kit);
        Assert.Equal(ConnectionMode.Server, workspace.Connections[1].Mode);
        Assert.Empty(workspace.DeliveryOutputsOf("site"));
        Assert.Equal(["braze"], workspace.DeliveryOutputsOf("app"));
        Assert.Single(workspace.KitConnectionsOf("site"));
        Assert.DoesNotContain("sdk-key", kit.Kit!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_connects_to_an_mparticle_output_as_to_a_braze_one()
    {
        var workspace = WorkspaceLoader.Parse("{" + Inputs + ""","connections":[{"input":"app","output":"relay"}]}""");

        Assert.Equal(["relay"], workspace.DeliveryOutputsOf("app"));
    }

    [Theory]
    [InlineData("""{"input":"site","output":"relay","mode":"kit","kit":{"apiKey":"a","cluster":"01"}}""", "connections[0].mode: kit mode is for braze outputs")]
    [InlineData("""{"input":"app","output":"braze","mode":"kit","kit":{"apiKey":"a","cluster":"01"}}""", "connections[0].mode: kit mode is for web inputs")]
    [InlineData("""{"input":"site","output":"braze","mode":"embedded"}""", "connections[0].mode: 'embedded'")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit"}""", "connections[0].kit: a kit-mode connection needs")]
    [InlineData("""{"input":"site","output":"braze","kit":{"apiKey":"a","cluster":"01"}}""", "connections[0].kit: only a kit-mode connection")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"cluster":"01"}}""", "connections[0].kit.apiKey: is required")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a"}}""", "connections[0].kit: give either cluster")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a","cluster":"01","sdkEndpoint":"h:1"}}""", "connections[0].kit: give either cluster")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a","cluster":"MARS"}}""", "connections[0].kit.cluster: 'MARS'")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a","sdkEndpoint":"https://h/api"}}""", "connections[0].kit.sdkEndpoint")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a","sdkEndpoint":"h:port"}}""", "connections[0].kit.sdkEndpoint")]
    [InlineData("""{"input":"site","output":"braze","mode":"kit","kit":{"apiKey":"a","cluster":"01","userIdentificationType":"Phone"}}""", "connections[0].kit.userIdentificationType: 'Phone'")]
    public void A_kit_connection_that_is_not_right_is_refused_naming_the_field(string connection, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse("{" + Inputs + ",\"connections\":[" + connection + "]}"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
