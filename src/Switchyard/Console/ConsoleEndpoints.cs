using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Switchyard.Console.Access;
using Switchyard.Console.Audiences;
using Switchyard.Console.LiveStream;
using Switchyard.Console.Metrics;
using Switchyard.Console.Sandbox;

namespace Switchyard.Console;

/// <summary>
/// The console: Razor components rendered on the server (interactive over Blazor's connection), behind a cookie
/// session signed in with the admin token, and the API reference (Scalar) over the OpenAPI document.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string ApiReferencePath = "/api-reference";

    public static void AddSwitchyardConsole(this IServiceCollection services, Uri? sandbox)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Keys live in memory: a restart signs the console out, and no key file needs protecting on disk.
        services.AddDataProtection().SetApplicationName("switchyard-console");
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRing());
        services.AddAuthentication(ConsoleAccess.Scheme).AddCookie(ConsoleAccess.Scheme, ConsoleAccess.Configure);
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "switchyard_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<BatchTap>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<AudienceSizeHistory>();
        services.AddHostedService<ConsoleSampling>();
        services.AddSingleton(new SandboxLocation(sandbox));
        services.AddSingleton<SandboxState>();
        services.AddHttpClient(SandboxLocation.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
    }

    public static void UseSwitchyardConsole(this WebApplication app)
    {
        // Static files as middleware, not MapStaticAssets: its catch-all for files served from the build's manifest would
        // turn a wrong method on an API route (405) into a 404. Only GET and HEAD are looked at; the API's POSTs pass by.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Pages and Blazor's connection are the console, not the API: the OpenAPI document leaves them out.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode().ExcludeFromDescription();
        app.MapPost(ConsoleAccess.SignOutPath, SignOutAsync).ExcludeFromDescription();
        app.MapScalarApiReference(ApiReferencePath, options => options
            .WithTitle("Switchyard API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            // No fonts from a CDN: the console works on a machine without internet access.
            .DisableDefaultFonts())
            .ExcludeFromDescription();
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, ConsoleAccess access)
    {
        // A cross-site form must not sign anyone out: the form carries the antiforgery token of the page.
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
        {
            // A form over the reader's limits (a 300 KB field name) is bad input, not a server error.
            valid = false;
        }

        if (!valid)
        {
            return Json.ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_FORM", "__RequestVerificationToken: missing or not valid; sign out from the console's own button.");
        }

        await access.SignOutAsync(http).ConfigureAwait(false);
        return Results.Redirect(ConsoleAccess.SignInPath);
    }
}
