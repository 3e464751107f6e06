using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

public sealed class MaxInFlightWorkspaceTests
{
    private const string Secret = "0123456789abcdef";

    [Fact]
    public void An_outputs_max_in_flight_is_read_and_unset_means_the_engines_default()
    {
        var workspace = WorkspaceLoader.Parse($$$"""
            {"inputs":[{"id":"a","key":"k","secret":"{{{Secret}}}"}],
             "outputs":[{"id":"b","type":"braze","maxInFlight":8,"settings":{}},{"id":"c","type":"mparticle","settings":{}}]}
            """);

        Assert.Equal([8, null], workspace.Outputs.Select(o => o.MaxInFlight));
        Assert.Contains("\"maxInFlight\": 8", WorkspaceEntries.Describe(workspace.Outputs[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "outputs[0].maxInFlight: must be between 1 and 32.")]
    [InlineData("33", "outputs[0].maxInFlight: must be between 1 and 32.")]
    [InlineData("-1", "outputs[0].maxInFlight: must be between 1 and 32.")]
    [InlineData("\"4\"", "outputs[0].maxInFlight")]
    public void An_invalid_max_in_flight_fails_with_a_message_naming_the_field(string value, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse($$$"""
            {"inputs":[{"id":"a","key":"k","secret":"{{{Secret}}}"}],"outputs":[{"id":"b","type":"braze","maxInFlight":{{{value}}},"settings":{}}]}
            """));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
