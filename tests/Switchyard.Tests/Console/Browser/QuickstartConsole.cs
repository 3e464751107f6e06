using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console.Browser;

/// <summary>
/// One <c>switchyard serve</c> quickstart (with its embedded Braze sandbox) in its own process and one headless
/// Debian Chromium driven by Playwright, shared by the browser tests of a class. Chromium is never downloaded: without
/// <c>/usr/bin/chromium</c> every test fails, saying that <c>./test.sh</c> installs it.
/// </summary>
public sealed class QuickstartConsole : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-console-" + Guid.NewGuid().ToString("N"));
    private SwitchyardProcess? _process;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public Uri Address { get; private set; } = default!;

    public Uri Sandbox { get; private set; } = default!;

    public string Token { get; private set; } = "";

    public string SandboxKey { get; private set; } = "";

    public HttpClient Http { get; } = new();

    private string _feedKey = "";
    private string _feedSecret = "";

    public string Output => _process?.Output ?? "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, and it is not there. ./test.sh installs it (apt-get install chromium); or run that yourself.");
        }

        Directory.CreateDirectory(_directory);
        _process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0");
        Address = new Uri((await _process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value);
        Token = (await _process.WaitForLineAsync(SwitchyardProcess.AdminTokenLine(), StartTimeout)).Groups[1].Value;
        _feedKey = (await _process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        _feedSecret = (await _process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        var sandbox = await _process.WaitForLineAsync(SwitchyardProcess.QuickstartSandboxLine(), StartTimeout);
        Sandbox = new Uri(sandbox.Groups[1].Value);
        SandboxKey = sandbox.Groups[2].Value;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers and CI run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _process?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is no reason to fail the tests.
        }
    }

    /// <summary>A page in a fresh browser context (no cookies), collecting every console error and uncaught exception.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        // The build machine is shared: a page that is slow to answer under load is not a failure of the console.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return (page, errors);
    }

    /// <summary>Signs in through the form and waits until the overview is interactive.</summary>
    public async Task<(IPage Page, List<string> Errors)> SignedInPageAsync()
    {
        var (page, errors) = await NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#token", Token);
        await page.ClickAsync("#signin-submit");
        // The overview's address is enough; whether the page is live is what Interactive waits for (a page's load event
        // can come late on a busy machine, and nothing here needs it).
        await AtAddressAsync(page, Address + "");
        await Interactive(page);
        return (page, errors);
    }

    /// <summary>
    /// Waits until the page's address is <paramref name="address"/> (a string or a <see cref="System.Text.RegularExpressions.Regex"/>),
    /// whatever got it there: a navigation, a redirect, or Blazor's enhanced navigation. Playwright's <c>WaitForURLAsync</c>
    /// is not used: when the address already matches, it waits for a load state of the page instead, and after the
    /// sign-out's redirect had landed that wait sometimes ran out its 60 seconds.
    /// </summary>
    public static Task AtAddressAsync(IPage page, string address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new PageAssertionsToHaveURLOptions { Timeout = 60_000 });

    /// <inheritdoc cref="AtAddressAsync(IPage, string)"/>
    public static Task AtAddressAsync(IPage page, System.Text.RegularExpressions.Regex address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new PageAssertionsToHaveURLOptions { Timeout = 60_000 });

    /// <summary>Blazor's server connection is up: clicks and typing reach the components.</summary>
    public static Task Interactive(IPage page) =>
        page.Locator("#interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    public async Task PostEventsAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/v2/events")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_feedKey}:{_feedSecret}")));
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST /v2/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static string Batch(string customerId, string eventName, string extraEvents = "") => $$"""
        {
          "environment": "development",
          "user_identities": { "customer_id": "{{customerId}}", "email": "{{customerId}}@example.com" },
          "events": [
            { "event_type": "custom_event", "data": { "event_name": "{{eventName}}", "custom_event_type": "other", "timestamp_unixtime_ms": {{TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()}} } }{{extraEvents}}
          ]
        }
        """;
}
