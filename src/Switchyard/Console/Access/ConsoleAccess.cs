using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Admin;
using Switchyard.Ingest;

namespace Switchyard.Console.Access;

/// <summary>
/// Signing in to the console with the admin token: compared as SHA-256 hashes in constant time, as the admin API does;
/// a wrong token is counted and logged with the other refused credentials. The session is an ASP.NET Core cookie
/// (HttpOnly, SameSite=Strict, Secure over https); the admin API never reads it.
/// </summary>
internal sealed class ConsoleAccess(AdminSettings settings, AuthRefusals refusals, ILogger<ConsoleAccess> logger)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "switchyard_console";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    private const string Target = "the console sign-in";

    private readonly byte[] _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    public bool Matches(string? token)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token?.Trim() ?? ""));
        return CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
    }

    /// <summary>Signs the browser in when the token is the admin token; false (logged, counted) when it is not.</summary>
    public async Task<bool> SignInAsync(HttpContext http, string? token)
    {
        if (!Matches(token))
        {
            refusals.Refused(Target, string.IsNullOrWhiteSpace(token) ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
            return false;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        Log.ConsoleSignedIn(logger, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return true;
    }

    public async Task SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme).ConfigureAwait(false);
        Log.ConsoleSignedOut(logger);
    }

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        // Secure when the request came over https; the quickstart serves plain http on loopback.
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = SignInPath;
        options.LogoutPath = SignOutPath;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
    }
}
