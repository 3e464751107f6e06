using Bunit;
using Switchyard.Console.Components.Pages;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console;

public sealed class TopologyPageTests
{
    [Fact]
    public async Task Inputs_and_outputs_are_shown_without_their_secrets_and_say_they_are_read_only()
    {
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", """{"restApiKey":"rest-key-that-must-not-show","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
            Connections = [new Connection("app", "braze", Active: true)],
        };
        await using var context = await ConsoleComponentContext.StartAsync(workspace);

        var page = context.Bunit.Render<Topology>();

        var markup = page.Markup;
        Assert.DoesNotContain(TestService.Secret, markup, StringComparison.Ordinal);
        Assert.DoesNotContain("rest-key-that-must-not-show", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("app-key", markup, StringComparison.Ordinal);
        // A key of 8 characters or fewer shows nothing of itself; the secret is never shown at all.
        Assert.Contains("••••", page.Find("#inputs").TextContent, StringComparison.Ordinal);
        Assert.Contains("(hidden)", page.Find("#inputs").TextContent, StringComparison.Ordinal);
        Assert.Contains("[redacted]", page.Find(".output-settings").TextContent, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9", page.Find(".output-settings").TextContent, StringComparison.Ordinal);
        Assert.Contains("Read-only", page.Find("#read-only-note").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev-9tmahq9nt2dx", "dev-••••")]
    [InlineData("short-k", "••••")]
    public void A_key_shows_only_its_first_characters(string key, string shown) =>
        Assert.Equal(shown, Switchyard.Console.Components.Shared.Redaction.Key(key));
}
