using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console.Browser;

/// <summary>
/// The console in a real Chromium against <c>switchyard serve</c> (the quickstart, with its Braze sandbox): signing in,
/// every page, traffic showing up, an audience made in the editor, a dead letter replayed with the button.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class ConsoleBrowserTests(QuickstartConsole console) : IClassFixture<QuickstartConsole>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Pages = ["/", "/live", "/connections", "/audiences", "/audiences/new", "/dead-letters", "/data-points", "/profiles", "/sandbox"];

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_admin_token_signs_in_and_out()
    {
        var (page, _) = await console.NewPageAsync();
        await page.GotoAsync("/dead-letters");
        Assert.EndsWith("/signin?ReturnUrl=%2Fdead-letters", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#token", "admin-not-the-token");
        await page.ClickAsync("#signin-submit");
        await page.Locator("#signin-error").WaitForAsync();
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Task.FromResult(console.Output.Contains("Credentials refused (403) on the console sign-in", StringComparison.Ordinal)), Timeout, "the refusal is logged");

        await page.FillAsync("#token", console.Token);
        await page.ClickAsync("#signin-submit");
        // Blazor may follow the sign-in's redirect as an enhanced navigation (fetch and history.pushState), which fires no
        // load event: wait for the URL only.
        await QuickstartConsole.AtAddressAsync(page, new Uri(console.Address, "/dead-letters").ToString());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "switchyard_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // The admin API does not take the console's cookie: it wants the bearer token.
        var admin = await page.APIRequest.GetAsync("/admin/outputs");
        Assert.Equal(401, admin.Status);

        await QuickstartConsole.Interactive(page);
        await page.ClickAsync("#sign-out");
        await QuickstartConsole.AtAddressAsync(page, new Regex("/signin$"));
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_loads_without_browser_console_errors()
    {
        var (page, errors) = await console.SignedInPageAsync();
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await QuickstartConsole.Interactive(page);
            Assert.True(errors.Count == 0, $"{path}: {string.Join(" | ", errors)}");
        }

        await page.GotoAsync("/api-reference");
        await page.GetByText("Switchyard", new PageGetByTextOptions { Exact = false }).First.WaitForAsync();
        Assert.True(errors.Count == 0, $"/api-reference: {string.Join(" | ", errors)}");
    }

    [Fact]
    public async Task Traffic_shows_in_the_live_stream_the_chart_and_the_counters()
    {
        var (page, errors) = await console.SignedInPageAsync();
        await page.GotoAsync("/live");
        await QuickstartConsole.Interactive(page);

        await console.PostEventsAsync(QuickstartConsole.Batch("live-1", "Live Played"));
        await console.PostEventsAsync(QuickstartConsole.Batch("live-2", "Live Paused"));
        await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live Played" }).WaitForAsync();
        await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live Paused" }).WaitForAsync();

        // Filter by event name, then by identity: only the matching batch stays.
        await page.Locator("#filter-name").FillAsync("Live Played");
        await Eventually.HoldsAsync(async () => await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live Paused" }).CountAsync() == 0, Timeout, "the name filter hides the other batch");
        await page.Locator("#filter-name").FillAsync("");
        await page.Locator("#filter-identity").FillAsync("live-2@example.com");
        await Eventually.HoldsAsync(async () => await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live Played" }).CountAsync() == 0, Timeout, "the identity filter hides the other batch");
        await page.Locator("#filter-identity").FillAsync("");

        // Paused, a new batch does not appear until resumed (a second, running page shows it meanwhile).
        var running = await page.Context.NewPageAsync();
        await running.GotoAsync("/live");
        await QuickstartConsole.Interactive(running);
        await page.ClickAsync("#pause");
        await page.Locator("#pause", new PageLocatorOptions { HasText = "Resume" }).WaitForAsync();
        await console.PostEventsAsync(QuickstartConsole.Batch("live-3", "Live While Paused"));
        await running.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live While Paused" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live While Paused" }).CountAsync());
        await running.CloseAsync();
        await page.ClickAsync("#pause");
        await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live While Paused" }).WaitForAsync();

        // A click shows the batch's JSON.
        await page.Locator("tr.stream-row", new PageLocatorOptions { HasText = "Live Played" }).ClickAsync();
        await page.Locator("#batch-json", new PageLocatorOptions { HasText = "live-1@example.com" }).WaitForAsync();

        await page.GotoAsync("/");
        await QuickstartConsole.Interactive(page);
        await Eventually.HoldsAsync(async () => Number(await page.Locator("#batches-stored").InnerTextAsync()) >= 3, Timeout, "the stored counter counts the batches");
        await Eventually.HoldsAsync(async () => Number(await page.Locator("#ingest-peak").InnerTextAsync()) > 0, Timeout, "the ingest chart shows the traffic");
        await Eventually.HoldsAsync(async () => Number(await page.Locator("#batches-processed").InnerTextAsync()) >= 3, Timeout, "the processed counter follows");
        Assert.True(await page.Locator("#ingest-chart svg").CountAsync() > 0, "the chart is drawn");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    [Fact]
    public async Task An_audience_created_in_the_editor_shows_the_parser_messages_then_fills()
    {
        var (page, errors) = await console.SignedInPageAsync();
        await page.GotoAsync("/audiences/new");
        await QuickstartConsole.Interactive(page);

        await page.Locator("textarea").FillAsync("""{"id": 71, "name": "Editors", "criteria": {"event": {"type": "custom_event"}, "within_days": "soon"}}""");
        await page.ClickAsync("#save");
        await page.Locator(".validation-message", new PageLocatorOptions { HasText = "within_days" }).WaitForAsync();

        await page.Locator("textarea").FillAsync("""{"id": 71, "name": "Editors", "criteria": {"event": {"type": "custom_event", "name": "Edited"}, "within_days": 30}}""");
        await page.ClickAsync("#validate");
        await page.Locator("#validation-ok").WaitForAsync();
        await page.ClickAsync("#save");
        // The page says it saved, then at once opens the audience inside the Blazor circuit (history.pushState, no load
        // event). The message can be gone before a poll sees it, so the test waits for the audience's address; an error
        // from the save would stay on the editor and fail the wait.
        await Eventually.HoldsAsync(() => Task.FromResult(page.Url.EndsWith("/audiences/71", StringComparison.Ordinal)), Timeout, "the editor opens the saved audience");
        await QuickstartConsole.Interactive(page);
        await page.Locator("#audience-size", new PageLocatorOptions { HasText = "0 members" }).WaitForAsync();

        await console.PostEventsAsync(QuickstartConsole.Batch("editor-1", "Edited"));
        await page.Locator("#audience-size", new PageLocatorOptions { HasText = "1 members" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("#members li").First.WaitForAsync();
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    [Fact]
    public async Task A_dead_letter_is_replayed_with_the_button_and_reaches_the_sandbox()
    {
        // Braze (the sandbox) refuses a purchase in a currency that does not exist: the item is dead-lettered with that reason.
        const string Refused = """
            ,{ "event_type": "commerce_event", "data": { "product_action": { "action": "purchase", "total_amount": 5,
               "products": [ { "id": "sku-1", "name": "Thing", "price": 5, "quantity": 1 } ] }, "currency_code": "ZZZ" } }
            """;
        await console.PostEventsAsync(QuickstartConsole.Batch("dead-1", "Before Refusal", Refused));
        var (page, errors) = await console.SignedInPageAsync();
        await page.GotoAsync("/dead-letters");
        await QuickstartConsole.Interactive(page);
        var row = page.Locator("tr.dead-letter", new PageLocatorOptions { HasText = "currency" });
        await Eventually.HoldsAsync(async () =>
        {
            await page.ClickAsync("#refresh");
            return await row.CountAsync() > 0;
        }, Timeout, "the refused purchase is a dead letter with Braze's reason");
        var id = await row.First.GetAttributeAsync("data-id");
        var tracksBefore = await UserTrackRequestsAsync("dead-1");

        await row.First.Locator("button.replay").ClickAsync();

        // The row goes (the dead letter is queued again) and the item is sent to the sandbox once more.
        await Eventually.HoldsAsync(async () => await page.Locator($"tr.dead-letter[data-id='{id}']").CountAsync() == 0, Timeout, "the replayed dead letter leaves the list");
        await Eventually.HoldsAsync(async () => await UserTrackRequestsAsync("dead-1") > tracksBefore, Timeout, "the replayed item reaches the sandbox");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    /// <summary>
    /// One PNG per page after some traffic: into a temporary directory, or into <c>SWITCHYARD_SCREENSHOTS</c> (which
    /// scripts/screenshots.sh sets to docs/img).
    /// </summary>
    [Fact]
    public async Task Every_page_is_photographed_after_sample_traffic()
    {
        var into = Environment.GetEnvironmentVariable("SWITCHYARD_SCREENSHOTS") is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen)
            : Path.Combine(Path.GetTempPath(), "switchyard-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(into);
        var (page, errors) = await console.SignedInPageAsync();

        using var audience = new HttpRequestMessage(HttpMethod.Put, new Uri(console.Address, "/admin/audiences/90"))
        {
            Content = new StringContent("""{"id": 90, "name": "Shoppers", "criteria": {"event": {"type": "custom_event", "name": "Viewed Product"}, "within_days": 30}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        audience.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", console.Token);
        using (var created = await console.Http.SendAsync(audience))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await page.GotoAsync("/live");
        await QuickstartConsole.Interactive(page);
        string[] names = ["Viewed Product", "Added to Cart", "Searched", "Viewed Product", "Shared"];
        for (var i = 0; i < 12; i++)
        {
            await console.PostEventsAsync(QuickstartConsole.Batch($"shopper-{i % 6}", names[i % names.Length]));
        }

        await page.Locator("tr.stream-row").Nth(11).WaitForAsync();
        await page.Locator("tr.stream-row").First.ClickAsync();
        await page.Locator("#batch-json").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(into, "console-live-stream.png"), FullPage = true });

        var shots = new (string Path, string Name)[]
        {
            ("/", "overview"), ("/connections", "inputs-outputs"), ("/audiences", "audiences"), ("/audiences/90", "audience"),
            ("/audiences/90/edit", "audience-editor"), ("/dead-letters", "dead-letters"), ("/data-points", "data-points"),
            ("/profiles", "profile-lookup"), ("/sandbox", "sandbox"),
        };
        await Eventually.HoldsAsync(async () =>
        {
            await page.GotoAsync("/");
            await QuickstartConsole.Interactive(page);
            return Number(await page.Locator("#ingest-peak").InnerTextAsync()) > 0;
        }, Timeout, "the chart shows the sample traffic");
        foreach (var (path, name) in shots)
        {
            await page.GotoAsync(path);
            await QuickstartConsole.Interactive(page);
            if (name == "profile-lookup")
            {
                await page.Locator("#value").FillAsync("shopper-1");
                await page.ClickAsync("#find");
                await page.Locator("#profile").WaitForAsync();
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(into, $"console-{name}.png"), FullPage = true });
        }

        foreach (var name in shots.Select(s => s.Name).Append("live-stream"))
        {
            Assert.True(new FileInfo(Path.Combine(into, $"console-{name}.png")).Length > 10_000, $"console-{name}.png is empty");
        }

        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    private async Task<int> UserTrackRequestsAsync(string externalId)
    {
        var log = JsonNode.Parse(await console.Http.GetStringAsync(new Uri(console.Sandbox, "/_sandbox/requests?path=/users/track&limit=1000")))!;
        return log["requests"]!.AsArray().Count(r => ((string?)r!["body_excerpt"] ?? "").Contains($"\"{externalId}\"", StringComparison.Ordinal));
    }

    private static double Number(string text) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
