using System.Diagnostics;
using System.Globalization;

namespace Switchyard.Hosting;

/// <summary>
/// Test-only crash point for the process tests: with <c>SWITCHYARD_TEST_CRASH_AFTER_ACKNOWLEDGED=N</c> in the
/// environment, the process kills itself (SIGKILL: no shutdown code runs) right after Braze acknowledged the Nth request
/// and before what it acknowledged is recorded. Unset (always, outside tests), it does nothing.
/// </summary>
internal sealed class CrashPoint
{
    public const string Variable = "SWITCHYARD_TEST_CRASH_AFTER_ACKNOWLEDGED";

    private readonly long _after;
    private long _count;

    private CrashPoint(long after) => _after = after;

    /// <summary>The crash point the environment asks for, or null.</summary>
    public static Action? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value) || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after < 1)
        {
            return null;
        }

        return new CrashPoint(after).Acknowledged;
    }

    private void Acknowledged()
    {
        if (Interlocked.Increment(ref _count) == _after)
        {
            System.Console.Error.WriteLine($"{Variable}: killing the process after acknowledged request {_after.ToString(CultureInfo.InvariantCulture)}");
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
