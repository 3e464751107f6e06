namespace Switchyard.Compat.Support;

/// <summary>
/// The browser the browser tests drive: Debian's <c>chromium</c> package. Playwright starts it by path, so no browser
/// is downloaded. A missing browser fails the test rather than skipping it, so a run without it cannot pass.
/// </summary>
internal static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Starts it headless (with <c>--no-sandbox</c>: the tests run as root in CI), failing first when it is missing.</summary>
    public static Task<Microsoft.Playwright.IBrowser> LaunchAsync(Microsoft.Playwright.IPlaywright playwright)
    {
        RequireInstalled();
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    public static void RequireInstalled() =>
        Assert.True(
            File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: the browser tests drive Debian's chromium package, which ./test.sh installs (apt-get install chromium).");
}
