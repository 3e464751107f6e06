using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Switchyard.Compat.Support;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Compat;

/// <summary>
/// The browser path end to end: the real <c>@mparticle/web-sdk</c> 2.68.0 with its Braze kit 4.1.3 in a headless
/// Chromium, pointed at Switchyard's HTTPS listener with its <c>domain</c> option; the kit, turned on by the
/// configuration Switchyard answers (a kit-mode connection), sends to the Braze sandbox.
/// </summary>
public sealed class MParticleWebSdkBrowserTests : IAsyncLifetime
{
    private const string RestKey = "compat-rest-key-web-path";
    private const string SdkKey = "compat-braze-sdk-key";
    private const string WebKey = "us1-compat-web-key";
    private const int PlanViewers = 77;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "switchyard-web-path-" + Guid.NewGuid().ToString("N"));
    private SandboxServer _sandbox = null!;
    private SdkPageServer _page = null!;
    private SwitchyardHost _host = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        options.SdkApiKeys.Add(SdkKey);
        _sandbox = await SandboxServer.StartAsync(options);
        _page = await SdkPageServer.StartAsync();
        var origin = _page.BaseAddress.GetLeftPart(UriPartial.Authority);
        var workspace = new Workspace(
        [
            new InputFeed("site", "Compat site", WebKey, "", null, FeedRateLimit.Default) { Kind = InputFeedKind.Web, Origins = [origin] },
        ])
        {
            Outputs =
            [
                new OutputDefinition("braze", "braze", $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{_sandbox.BaseAddress.ToString().TrimEnd('/')}}"}"""),
                new OutputDefinition("audiences", "braze_audience", $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{_sandbox.BaseAddress.ToString().TrimEnd('/')}}"}"""),
            ],
            Audiences = [$$$"""{"id":{{{PlanViewers}}},"name":"Plan viewers","criteria":{"event":{"type":"custom_event","name":"Viewed Plan"},"within_days":7}}"""],
            AudienceConnections = [new AudienceConnectionDefinition("audiences", PlanViewers)],
            Connections =
            [
                new Connection("site", "braze")
                {
                    Mode = ConnectionMode.Kit,
                    Kit = new BrazeKitSettings(SdkKey, null, _sandbox.BaseAddress.Authority, "CustomerId", ForwardScreenViews: true, BundleCommerceEventData: false),
                },
            ],
        };
        _host = await SwitchyardHost.StartAsync(new ServeSettings { Workspace = workspace, DataDirectory = _data, Port = 0, HttpsPort = 0, MinimumLogLevel = LogLevel.Warning });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _page.DisposeAsync();
        await _sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_page_identifies_logs_and_logs_out_and_both_switchyard_and_braze_through_the_kit_see_it_once()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        // Switchyard's HTTPS listener has a self-signed certificate, as a local set-up would.
        var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(_page.BaseAddress, "/mparticle").ToString());

        var result = await page.EvaluateAsync<string>(
            """
            async ({ key, domain, sandbox }) => {
              const call = (f) => new Promise((resolve) => f(resolve));
              await new Promise((resolve) => {
                mParticle.ready(resolve);
                mParticle.init(key, {
                  isDevelopmentMode: false,
                  domain,
                  // The sandbox answers plain http: the kit's Braze SDK is given its address directly.
                  customFlags: { 28: { initOptions: (o) => { o.baseUrl = sandbox; } } },
                });
              });
              const anonymous = mParticle.Identity.getCurrentUser().getMPID();
              const forwarders = mParticle._getActiveForwarders().map((f) => f.name);
              await call((done) => mParticle.Identity.login({ userIdentities: { customerid: 'web-user-1' } }, done));
              const known = mParticle.Identity.getCurrentUser().getMPID();
              mParticle.logEvent('Viewed Plan', mParticle.EventType.Navigation, { plan: 'gold' });
              mParticle.logPageView('Pricing');
              const shoe = mParticle.eCommerce.createProduct('Shoe', 'sku-1', 19.99, 2);
              const sock = mParticle.eCommerce.createProduct('Sock', 'sku-2', 5.00, 1);
              const transaction = mParticle.eCommerce.createTransactionAttributes('t-1', 'shop', null, 44.98);
              mParticle.eCommerce.logProductAction(mParticle.ProductActionType.Purchase, [shoe, sock], null, null, transaction);
              mParticle.Identity.getCurrentUser().setUserAttribute('tier', 'gold');
              await call((done) => mParticle.Identity.modify({ userIdentities: { customerid: 'web-user-1', email: 'web@example.com' } }, done));
              mParticle.upload();
              if (window.braze) { window.braze.requestImmediateDataFlush(); }
              return JSON.stringify({ anonymous, known, forwarders });
            }
            """,
            new { key = WebKey, domain = _host.HttpsAddress!.Authority, sandbox = _sandbox.BaseAddress.ToString().TrimEnd('/') });
        var state = JsonNode.Parse(result)!;

        Assert.Contains("Appboy", state["forwarders"]!.AsArray().Select(f => (string?)f));
        Assert.Equal((string?)state["anonymous"], (string?)state["known"]);
        var mpid = long.Parse((string)state["known"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Switchyard: the profile the Identity API handed out has the events, the purchase, the attribute and the email.
        await Eventually.HoldsAsync(
            async () => await _host.Profiles.FindProfileAsync(mpid, CancellationToken.None) is { } p && p.Events.Keys.Any(k => k.EndsWith("Viewed Plan", StringComparison.Ordinal))
                && p.Attributes.ContainsKey("tier") && p.UserIdentities.GetValueOrDefault("email") == "web@example.com",
            Timeout,
            "the page's event, attribute and email on the Switchyard profile (browser errors: " + string.Join(" | ", errors) + ")");
        var profile = (await _host.Profiles.FindProfileAsync(mpid, CancellationToken.None))!;
        Assert.Equal("web-user-1", profile.UserIdentities["customer_id"]);
        await Eventually.HoldsAsync(
            async () => (await _host.Profiles.FindProfileAsync(mpid, CancellationToken.None))!.Events.Keys.Any(k => k.Contains("screen_view", StringComparison.Ordinal) && k.EndsWith("Pricing", StringComparison.Ordinal)),
            Timeout,
            "the page view on the profile as a screen view (events: " + string.Join(", ", (await _host.Profiles.FindProfileAsync(mpid, CancellationToken.None))!.Events.Keys) + ")");

        // Braze, through the kit only: the event once, one purchase per product, the attribute, under the customer id.
        JsonNode? user = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                if (await page.EvaluateAsync<bool>("() => !!window.braze"))
                {
                    await page.EvaluateAsync("() => window.braze.requestImmediateDataFlush()");
                }

                user = await ExportAsync("web-user-1");
                return user?["custom_events"]?.AsArray().Any(e => (string?)e!["name"] == "Viewed Plan") == true
                    && user["purchases"]?.AsArray().Count >= 2 && user["custom_attributes"]?["tier"] is not null;
            },
            Timeout,
            "the kit's event, purchases and attribute in the sandbox (browser errors: " + string.Join(" | ", errors) + ")");
        Assert.Equal(1, (int)user!["custom_events"]!.AsArray().Single(e => (string?)e!["name"] == "Viewed Plan")!["count"]!);
        // The kit logs one Braze purchase per product, named by the product's name (its SKU only with forwardSkuAsProductName).
        Assert.Equal(["Shoe", "Sock"], user["purchases"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.Equal("gold", (string?)user["custom_attributes"]!["tier"]);
        // forwardScreenViews: the kit sends the page view as a custom event named by the page's path.
        Assert.Contains(user["custom_events"]!.AsArray(), e => (string?)e!["name"] == "/mparticle");

        // The audience built from the page's event reaches Braze through audience sync, under the same customer id.
        await Eventually.HoldsAsync(
            async () => (string?)(await ExportAsync("web-user-1"))?["custom_attributes"]?["SegmentMembership"] is { } membership && membership.Contains(PlanViewers.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            Timeout,
            "the Plan viewers audience in SegmentMembership at the sandbox");

        // Logout: a new anonymous user.
        var after = await page.EvaluateAsync<string>(
            "() => new Promise((resolve) => mParticle.Identity.logout({}, () => resolve(mParticle.Identity.getCurrentUser().getMPID())))");
        Assert.NotEqual((string?)state["known"], after);
        Assert.NotNull(await _host.Profiles.FindProfileAsync(long.Parse(after, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
        Assert.DoesNotContain(errors, e => e.Contains("mParticle", StringComparison.OrdinalIgnoreCase) && e.Contains("fail", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Batches_answered_503_and_sent_while_offline_are_retried_by_the_sdk_and_counted_once()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_page.BaseAddress, "/mparticle").ToString());
        var mpid = await page.EvaluateAsync<string>(
            """
            async ({ key, domain, sandbox }) => {
              await new Promise((resolve) => {
                mParticle.ready(resolve);
                mParticle.init(key, { isDevelopmentMode: false, domain, identifyRequest: { userIdentities: { customerid: 'retry-user' } },
                  customFlags: { 28: { initOptions: (o) => { o.baseUrl = sandbox; } } } });
              });
              return mParticle.Identity.getCurrentUser().getMPID();
            }
            """,
            new { key = WebKey, domain = _host.HttpsAddress!.Authority, sandbox = _sandbox.BaseAddress.ToString().TrimEnd('/') });

        // Switchyard stores the batch, but the page is told 503 twice: the SDK sends it again with the same source_request_id.
        var attempts = 0;
        await page.RouteAsync("**/webevents/v3/JS/**", async route =>
        {
            var stored = await route.FetchAsync();
            if (Interlocked.Increment(ref attempts) <= 2)
            {
                await route.FulfillAsync(new() { Status = 503, Body = "{}", Headers = stored.Headers });
            }
            else
            {
                await route.FulfillAsync(new() { Response = stored });
            }
        });
        await page.EvaluateAsync("() => mParticle.logEvent('Answered 503', mParticle.EventType.Other)");
        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref attempts) >= 3), Timeout, "the SDK sending the batch again after two 503s");
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });

        // Offline: neither the SDK's upload nor the kit's Braze request can leave the page until it is online again.
        await context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => { mParticle.logEvent('Sent offline', mParticle.EventType.Other); mParticle.upload(); window.braze.requestImmediateDataFlush(); }");
        await context.SetOfflineAsync(false);

        var id = long.Parse(mpid, System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(
            async () =>
            {
                await page.EvaluateAsync("() => { mParticle.upload(); window.braze.requestImmediateDataFlush(); }");
                var braze = await ExportAsync("retry-user");
                return await _host.Profiles.FindProfileAsync(id, CancellationToken.None) is { } p && Count(p, "Answered 503") == 1 && Count(p, "Sent offline") == 1
                    && braze?["custom_events"]?.AsArray().Count(e => (string?)e!["name"] is "Answered 503" or "Sent offline") == 2;
            },
            Timeout,
            "both events once in the profile and once at the sandbox");
        var user = await ExportAsync("retry-user");
        Assert.All(user!["custom_events"]!.AsArray().Where(e => (string?)e!["name"] is "Answered 503" or "Sent offline"), e => Assert.Equal(1, (int)e!["count"]!));
        Assert.Equal(1, Count((await _host.Profiles.FindProfileAsync(id, CancellationToken.None))!, "Answered 503"));
    }

    private static long Count(Core.Profiles.Profile profile, string eventName) =>
        profile.Events.Where(e => e.Key.EndsWith(eventName, StringComparison.Ordinal)).Sum(e => e.Value.TotalCount);

    private async Task<JsonNode?> ExportAsync(string externalId)
    {
        using var client = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent(
                $$"""{"external_ids":["{{externalId}}"],"fields_to_export":["custom_events","purchases","custom_attributes","email"]}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())?["users"]?.AsArray().FirstOrDefault();
    }
}
