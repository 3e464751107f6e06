using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Switchyard.Compat.Support;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Compat;

/// <summary>
/// The real <c>@braze/web-sdk</c> 6.13.0 in a headless Chromium, on a page of another origin, sends to the sandbox;
/// what the page logged is then in the sandbox's REST export.
/// </summary>
public sealed class BrazeWebSdkBrowserTests : IAsyncLifetime
{
    private const string RestKey = "compat-rest-key";
    private const string SdkKey = "compat-web-sdk-key";
    private SandboxServer _sandbox = null!;
    private SdkPageServer _page = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        options.SdkApiKeys.Add(SdkKey);
        _sandbox = await SandboxServer.StartAsync(options);
        _page = await SdkPageServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Events_purchases_and_attributes_logged_by_the_web_sdk_reach_the_sandbox_export()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(_page.BaseAddress.ToString());

        await page.EvaluateAsync(
            """
            async ({ baseUrl, key }) => {
              const braze = await import('/sdk/src/index.js');
              braze.initialize(key, { baseUrl, enableLogging: true });
              braze.openSession();
              braze.changeUser('browser-user');
              braze.logCustomEvent('Viewed Plan', { plan: 'gold' });
              braze.logPurchase('sku-1', 19.99, 'EUR', 2);
              braze.getUser().setCustomUserAttribute('tier', 'gold');
              braze.requestImmediateDataFlush();
            }
            """,
            new { baseUrl = _sandbox.BaseAddress.ToString().TrimEnd('/'), key = SdkKey });

        JsonNode? user = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                user = await ExportAsync("browser-user");
                return user?["custom_events"]?.AsArray().Count > 0 && user["purchases"]?.AsArray().Count > 0
                    && user["custom_attributes"]?["tier"] is not null;
            },
            TimeSpan.FromSeconds(30),
            "the Web SDK's event, purchase and attribute in the sandbox export (browser console errors: " + string.Join(" | ", consoleErrors) + ")");

        var viewed = Assert.Single(user!["custom_events"]!.AsArray())!;
        Assert.Equal(("Viewed Plan", 1), ((string?)viewed["name"], (int)viewed["count"]!));
        var purchase = Assert.Single(user["purchases"]!.AsArray())!;
        Assert.Equal(("sku-1", 2), ((string?)purchase["name"], (int)purchase["count"]!));
        Assert.Equal(39.98m, (decimal)user["total_revenue"]!);
        Assert.Equal("gold", (string?)user["custom_attributes"]!["tier"]);
        Assert.True((int)user["apps"]![0]!["sessions"]! >= 1);
    }

    private async Task<JsonNode?> ExportAsync(string externalId)
    {
        using var client = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent(
                $$"""{"external_ids":["{{externalId}}"],"fields_to_export":["custom_events","purchases","custom_attributes","total_revenue","apps"]}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return body?["users"]?.AsArray().FirstOrDefault();
    }
}
