using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

public sealed class PrivacySettingsTests
{
    [Fact]
    public void The_privacy_section_gives_callback_prefixes_the_waiting_period_and_the_public_base_url()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"privacy":{"dsrCallbackUrls":["https://hooks.example.com/dsr/"],"erasureWaitingHours":168,"publicBaseUrl":"https://cdp.example.com"}}
            """);
        Assert.Equal(new Uri("https://hooks.example.com/dsr/"), Assert.Single(workspace.Privacy.DsrCallbackUrls));
        Assert.Equal(TimeSpan.FromDays(7), workspace.Privacy.ErasureWaitingPeriod);
        Assert.Equal(new Uri("https://cdp.example.com"), workspace.Privacy.PublicBaseUrl);

        var defaults = WorkspaceLoader.Parse("{}").Privacy;
        Assert.Empty(defaults.DsrCallbackUrls);
        Assert.Equal(TimeSpan.Zero, defaults.ErasureWaitingPeriod);
        Assert.Null(defaults.PublicBaseUrl);
    }

    [Theory]
    [InlineData("""{"privacy":{"dsrCallbackUrls":["/relative"]}}""", "privacy.dsrCallbackUrls[0]")]
    [InlineData("""{"privacy":{"dsrCallbackUrls":["https://ok.example.com/","ftp://files.example.com/"]}}""", "privacy.dsrCallbackUrls[1]")]
    [InlineData("""{"privacy":{"dsrCallbackUrls":["https://user:pw@hooks.example.com/"]}}""", "privacy.dsrCallbackUrls[0]")]
    [InlineData("""{"privacy":{"erasureWaitingHours":-1}}""", "privacy.erasureWaitingHours")]
    [InlineData("""{"privacy":{"publicBaseUrl":"cdp.example.com"}}""", "privacy.publicBaseUrl")]
    [InlineData("""{"privacy":{"callbacks":[]}}""", "unknown field 'privacy.callbacks'")]
    public void A_bad_privacy_section_stops_loading_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
