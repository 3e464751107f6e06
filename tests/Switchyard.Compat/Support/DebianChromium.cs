namespace Switchyard.Compat.Support;

/// <summary>
/// The browser the browser tests drive: Debian's <c>chromium</c> package. Playwright starts it by path, so no browser
/// is downloaded. A missing browser fails the test rather than skipping it, so a run without it cannot pass.
/// </summary>
internal static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static void RequireInstalled() =>
        Assert.True(
            File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: the browser tests drive Debian's chromium package, which ./test.sh installs (apt-get install chromium).");
}
