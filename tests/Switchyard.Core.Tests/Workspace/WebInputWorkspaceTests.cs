using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

/// <summary>Web inputs in the workspace file: a public key, no secret, and the origins of the pages that send.</summary>
public sealed class WebInputWorkspaceTests
{
    [Fact]
    public void A_web_input_is_read_with_its_origins_normalised_and_no_secret()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"inputs":[{"id":"site","kind":"web","key":"us1-abc","origins":["https://shop.example.com/","http://localhost:3000","*"]}]}
            """);

        var site = workspace.Inputs.Single();
        Assert.True(site.IsWeb);
        Assert.False(site.IsBrazeFeed);
        Assert.Equal("", site.Secret);
        Assert.Equal(["https://shop.example.com", "http://localhost:3000", "*"], site.Origins);
        Assert.True(site.AllowsOrigin("https://SHOP.example.com"));
        Assert.True(site.AllowsOrigin("https://anything.example.org"));
        Assert.False(site.AllowsOrigin(null));
    }

    [Fact]
    public void An_origin_list_without_a_wildcard_allows_only_those_origins()
    {
        var site = WorkspaceLoader.Parse("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":["https://shop.example.com"]}]}""").Inputs.Single();

        Assert.True(site.AllowsOrigin("https://shop.example.com"));
        Assert.False(site.AllowsOrigin("http://shop.example.com"));
        Assert.False(site.AllowsOrigin("https://shop.example.com:8443"));
        Assert.False(site.AllowsOrigin("https://evil.example.net"));
    }

    [Theory]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","secret":"0123456789abcdef","origins":["*"]}]}""", "inputs[0].secret: a web input has no secret")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k"}]}""", "inputs[0].origins: a web input names the origins")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":[]}]}""", "inputs[0].origins: a web input names the origins")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":["https://shop.example.com/cart"]}]}""", "inputs[0].origins[0]: 'https://shop.example.com/cart' is not an origin")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":["shop.example.com"]}]}""", "inputs[0].origins[0]: 'shop.example.com' is not an origin")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":["ftp://shop.example.com"]}]}""", "inputs[0].origins[0]")]
    [InlineData("""{"inputs":[{"id":"app","key":"k","secret":"0123456789abcdef","origins":["*"]}]}""", "inputs[0].origins: only a web input")]
    [InlineData("""{"inputs":[{"id":"site","kind":"web","key":"k","origins":["*"],"brazeScope":"app"}]}""", "inputs[0].brazeScope: only a Braze feed")]
    public void A_web_input_that_is_not_right_is_refused_naming_the_field(string json, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
