using System.Globalization;

namespace Switchyard.Hosting;

/// <summary>
/// Test-only: <c>SWITCHYARD_TEST_PROCESS_DELAY_MS=N</c> makes processing wait N ms before each batch inside its chunk's
/// session, so a process test can pause or kill a node while it is part-way through a chunk it has not committed yet.
/// Unset (always, outside tests), processing does not wait.
/// </summary>
internal static class TestProcessDelay
{
    public const string Variable = "SWITCHYARD_TEST_PROCESS_DELAY_MS";

    public static TimeSpan? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        return !string.IsNullOrEmpty(value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }
}
