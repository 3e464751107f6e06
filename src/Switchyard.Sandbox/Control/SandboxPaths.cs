using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Control;

/// <summary>Tells the sandbox's own control routes apart from the Braze API routes it imitates.</summary>
internal static class SandboxPaths
{
    public static readonly PathString ControlPrefix = new("/_sandbox");

    /// <summary>Control routes are never rate-limited, faulted or logged.</summary>
    public static bool IsControl(PathString path) => path.StartsWithSegments(ControlPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path without a trailing slash, for comparisons that ignore it.</summary>
    public static string Normalize(string? path) =>
        string.IsNullOrEmpty(path) || path == "/" ? "/" : path.TrimEnd('/');

    public static bool SamePath(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
}
