using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured keys (reference/braze.md §1.1, §8.1).
/// A quoted key is not stripped: Braze answers 401 for it too (§1.7).
/// </summary>
internal sealed class ApiKeyAuthenticator(SandboxSettings settings)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Returns null when the request may proceed (and records the key), else the error to send.</summary>
    public IResult? Authenticate(HttpContext context, string permission)
    {
        if (context.Items.TryGetValue(SandboxAuthentication.ApiKeyItemKey, out var existing) && existing is string known)
        {
            return HasPermission(known, permission) ? null : Forbidden();
        }

        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized();
        }

        var key = header[BearerPrefix.Length..].Trim();
        if (key.Length == 0 || (!settings.AcceptAnyKey && !settings.ApiKeys.ContainsKey(key)))
        {
            return Unauthorized();
        }

        context.Items[SandboxAuthentication.ApiKeyItemKey] = key;
        return HasPermission(key, permission) ? null : Forbidden();
    }

    // A key that is not listed got this far only under AcceptAnyKey, which grants every permission.
    private bool HasPermission(string key, string permission) =>
        settings.ApiKeys.TryGetValue(key, out var granted) ? granted.Contains(permission) : settings.AcceptAnyKey;

    private static IResult Unauthorized() => WireResults.Message(StatusCodes.Status401Unauthorized, "Invalid API key");

    // §1.7: "Access Denied" is Braze's wording for a key that lacks the endpoint's permission.
    private static IResult Forbidden() => WireResults.Message(StatusCodes.Status403Forbidden, "Access Denied");
}
