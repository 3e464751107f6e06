using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.Compat.Support;

/// <summary>
/// A loopback Kestrel that serves a test page and the files of the installed <c>@braze/web-sdk</c> package under
/// <c>/sdk/</c> (the package is ES modules that import each other by relative path, so it loads as it is), every
/// installed npm package under <c>/npm/</c>, and a page that loads the mParticle Web SDK and its Braze kit at
/// <c>/mparticle</c>. Its port differs from the sandbox's and Switchyard's, so the page's requests to them are
/// cross-origin, as on a real site.
/// </summary>
internal sealed class SdkPageServer : IAsyncDisposable
{
    private const string Page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Braze Web SDK against the sandbox</title></head>
        <body><p>Braze Web SDK test page</p></body></html>
        """;

    // The order the kit needs: the SDK first (the kit reads mParticle at load), then an exports object for the kit's
    // CommonJS build, which registers itself with window.mParticle.
    private const string MParticlePage = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>mParticle Web SDK against Switchyard</title>
        <script src="/npm/@mparticle/web-sdk/dist/mparticle.js"></script>
        <script>var exports = {};</script>
        <script src="/npm/@mparticle/web-braze-kit/dist/BrazeKit.common.js"></script>
        </head><body><p>mParticle Web SDK test page</p></body></html>
        """;

    private readonly WebApplication _app;

    private SdkPageServer(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    public static async Task<SdkPageServer> StartAsync()
    {
        var package = Path.GetFullPath(Path.Combine(NodeScript.Directory, "node_modules", "@braze", "web-sdk"));
        if (!File.Exists(Path.Combine(package, "src", "index.js")))
        {
            throw new InvalidOperationException($"@braze/web-sdk is not installed in {NodeScript.Directory}; run ./test.sh (it runs npm ci) first.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        app.MapGet("/sdk/{**file}", (string file) => ServeFile(package, file));
        var modules = Path.GetFullPath(Path.Combine(NodeScript.Directory, "node_modules"));
        app.MapGet("/npm/{**file}", (string file) => ServeFile(modules, file));
        app.MapGet("/mparticle", () => Results.Content(MParticlePage, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new SdkPageServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult ServeFile(string root, string relative)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            return Results.NotFound();
        }

        // Browsers run module scripts only when served with a JavaScript type.
        var type = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "application/octet-stream";
        return Results.File(path, type);
    }
}
