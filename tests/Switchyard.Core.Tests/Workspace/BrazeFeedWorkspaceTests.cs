using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

/// <summary>Braze feed inputs, Braze workspace labels and the echo policy in the workspace file.</summary>
public sealed class BrazeFeedWorkspaceTests
{
    private const string Secret = "0123456789abcdef";

    [Fact]
    public void Braze_feeds_are_read_with_their_kind_label_and_scope()
    {
        var workspace = WorkspaceLoader.Parse($$$"""
            {"inputs":[
              {"id":"app","key":"k0","secret":"{{{Secret}}}"},
              {"id":"events","key":"k1","secret":"{{{Secret}}}","kind":"events"},
              {"id":"ios","key":"k2","secret":"{{{Secret}}}","kind":"braze_ios","brazeWorkspace":"ag-1","brazeScope":"app","brazeAppId":"app-ios"},
              {"id":"android","key":"k3","secret":"{{{Secret}}}","kind":"braze_android","brazeScope":"workspace"},
              {"id":"web","key":"k4","secret":"{{{Secret}}}","kind":"braze_web"},
              {"id":"unbound","key":"k5","secret":"{{{Secret}}}","kind":"braze_unbound","brazeWorkspace":"ag-1"}]}
            """);

        var kinds = workspace.Inputs.Select(i => i.Kind);
        Assert.Equal([InputFeedKind.Events, InputFeedKind.Events, InputFeedKind.BrazeIos, InputFeedKind.BrazeAndroid, InputFeedKind.BrazeWeb, InputFeedKind.BrazeUnbound], kinds);
        Assert.Equal([false, false, true, true, true, true], workspace.Inputs.Select(i => i.IsBrazeFeed));
        var ios = workspace.Inputs[2];
        Assert.Equal(("ag-1", BrazeFeedScope.App, "app-ios"), (ios.BrazeWorkspace, ios.BrazeScope, ios.BrazeAppId));
        var web = workspace.Inputs[4];
        Assert.Equal((null, BrazeFeedScope.Workspace, null), (web.BrazeWorkspace, web.BrazeScope, web.BrazeAppId));
        Assert.Equal("ag-1", workspace.Inputs[5].BrazeWorkspace);
    }

    [Fact]
    public void Output_labels_and_connection_echo_policies_are_read_with_suppress_as_the_default()
    {
        var workspace = WorkspaceLoader.Parse($$$"""
            {"inputs":[{"id":"a","key":"k","secret":"{{{Secret}}}"}],
             "outputs":[{"id":"b","type":"braze","brazeWorkspace":"ag-1","settings":{}},{"id":"c","type":"braze","settings":{}}],
             "connections":[{"input":"a","output":"b","echo":"forward"},{"input":"a","output":"c"},]}
            """);

        Assert.Equal(["ag-1", null], workspace.Outputs.Select(o => o.BrazeWorkspace));
        Assert.Equal([EchoPolicy.Forward, EchoPolicy.Suppress], workspace.Connections.Select(c => c.Echo));
    }

    [Theory]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze"}""", "inputs[0].kind: 'braze' is not an input kind (events, web, braze_ios, braze_android, braze_web, braze_unbound).")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"BRAZE_IOS"}""", "inputs[0].kind: 'BRAZE_IOS' is not an input kind")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","brazeWorkspace":"ag"}""", "inputs[0].brazeWorkspace: only a Braze feed (kind braze_ios, braze_android, braze_web or braze_unbound) has one.")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"events","brazeScope":"app"}""", "inputs[0].brazeScope: only a Braze feed")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","brazeAppId":"x"}""", "inputs[0].brazeAppId: only a Braze feed")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze_web","brazeScope":"company"}""", "inputs[0].brazeScope: 'company' is not 'workspace' or 'app'.")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze_ios","brazeScope":"app"}""", "inputs[0].brazeAppId: is required when brazeScope is 'app'.")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze_ios","brazeAppId":"x"}""", "inputs[0].brazeAppId: only an app-scoped feed (brazeScope 'app') has one.")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze_ios","brazeScope":"app","brazeAppId":""}""", "inputs[0].brazeAppId: must be 1-128 characters without leading or trailing white space.")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":"braze_unbound","brazeWorkspace":" ag "}""", "inputs[0].brazeWorkspace: must be 1-128 characters")]
    [InlineData("""{"id":"a","key":"k","secret":"0123456789abcdef","kind":7}""", "inputs[0].kind")]
    public void An_invalid_braze_feed_fails_with_a_message_naming_the_field(string input, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse($$$"""{"inputs":[{{{input}}}]}"""));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"b","type":"braze","brazeWorkspace":"","settings":{}}""", "", "outputs[0].brazeWorkspace: must be 1-128 characters")]
    [InlineData("""{"id":"b","type":"braze","settings":{"brazeWorkspace":"ag"},"brazeWorkspace":"ag\t"}""", "", "outputs[0].brazeWorkspace: must be 1-128 characters")]
    [InlineData("""{"id":"b","type":"braze","settings":{}}""", """{"input":"a","output":"b","echo":"loop"}""", "connections[0].echo: 'loop' is not 'suppress' or 'forward'.")]
    [InlineData("""{"id":"b","type":"braze","settings":{}}""", """{"input":"a","output":"b","echo":true}""", "connections[0].echo")]
    public void An_invalid_label_or_echo_policy_fails_with_a_message_naming_the_field(string output, string connection, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse($$$"""
            {"inputs":[{"id":"a","key":"k","secret":"{{{Secret}}}"}],"outputs":[{{{output}}}],"connections":[{{{connection}}}]}
            """));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // A Braze feed to a Braze output through a suppressing connection: labels decide, a missing one means "the same".
    [InlineData("braze_ios", null, null, "suppress", false)]
    [InlineData("braze_unbound", "ag-1", null, "suppress", false)]
    [InlineData("braze_web", null, "ag-1", "suppress", false)]
    [InlineData("braze_android", "ag-1", "ag-1", "suppress", false)]
    [InlineData("braze_ios", "ag-1", "ag-2", "suppress", true)]
    // Forward lets everything through; an events feed is never suppressed.
    [InlineData("braze_ios", null, null, "forward", true)]
    [InlineData("braze_ios", "ag-1", "ag-1", "forward", true)]
    [InlineData("events", null, null, "suppress", true)]
    public void Echo_suppression_keeps_braze_data_from_going_back_to_the_same_braze_workspace(string kind, string? feedLabel, string? outputLabel, string echo, bool delivered)
    {
        var feedLabelField = feedLabel is null ? "" : $",\"brazeWorkspace\":\"{feedLabel}\"";
        var outputLabelField = outputLabel is null ? "" : $",\"brazeWorkspace\":\"{outputLabel}\"";
        var feed = "{\"id\":\"in\",\"key\":\"k\",\"secret\":\"" + Secret + "\",\"kind\":\"" + kind + "\"" + feedLabelField + "}";
        var output = "{\"id\":\"out\",\"type\":\"braze\"" + outputLabelField + ",\"settings\":{}}";
        var workspace = WorkspaceLoader.Parse($$$"""
            {"inputs":[{{{feed}}}],"outputs":[{{{output}}}],"connections":[{"input":"in","output":"out","echo":"{{{echo}}}"}]}
            """);

        Assert.Equal(["out"], workspace.OutputsOf("in"));
        Assert.Equal(delivered ? ["out"] : [], workspace.DeliveryOutputsOf("in"));
        Assert.Equal(delivered ? [] : ["out"], workspace.EchoSuppressedOutputsOf("in"));
    }

    [Fact]
    public void An_inactive_connection_is_neither_delivered_nor_counted_as_suppressed()
    {
        var workspace = WorkspaceLoader.Parse($$$"""
            {"inputs":[{"id":"in","key":"k","secret":"{{{Secret}}}","kind":"braze_web"}],"outputs":[{"id":"out","type":"braze","settings":{}}],
             "connections":[{"input":"in","output":"out","active":false}]}
            """);

        Assert.Empty(workspace.DeliveryOutputsOf("in"));
        Assert.Empty(workspace.EchoSuppressedOutputsOf("in"));
    }

    [Fact]
    public void A_braze_feed_never_shows_its_secret_when_printed()
    {
        var workspace = WorkspaceLoader.Parse($$$"""{"inputs":[{"id":"in","key":"k","secret":"{{{Secret}}}","kind":"braze_unbound"}]}""");

        Assert.DoesNotContain(Secret, workspace.Inputs[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("BrazeUnbound", workspace.Inputs[0].ToString(), StringComparison.Ordinal);
    }
}
