namespace Switchyard.Sandbox.Auth;

/// <summary>What the sandbox's REST key check leaves behind for later pipeline stages.</summary>
public static class SandboxAuthentication
{
    /// <summary>
    /// Key into <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> holding the authenticated REST key
    /// (a <see cref="string"/>) once a Braze API request has passed authentication. Rate limiting keys on it.
    /// Never log the value.
    /// </summary>
    public const string ApiKeyItemKey = "Switchyard.Sandbox.ApiKey";
}
