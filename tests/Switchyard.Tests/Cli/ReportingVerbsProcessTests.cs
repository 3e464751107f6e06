using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>The reporting verbs in the real executable, with output redirected as in a script or CI: exit codes reach the shell and no progress animation is drawn.</summary>
public sealed class ReportingVerbsProcessTests
{
    [Fact]
    public async Task Config_validate_of_the_sample_exits_0_with_its_table_when_output_is_piped()
    {
        using var process = SwitchyardProcess.Start(RepositoryPaths.Root(), "config", "validate", "samples/workspace.json");

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("valid: " + Path.Combine(RepositoryPaths.Root(), "samples", "workspace.json"), process.Output, StringComparison.Ordinal);
        Assert.Contains("ios-app → braze", process.Output, StringComparison.Ordinal);
        // No escape sequences: a redirected terminal gets plain text.
        Assert.DoesNotContain("\u001b[", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_usage_error_exits_2_in_the_shell()
    {
        using var process = SwitchyardProcess.Start(Path.GetTempPath(), new Dictionary<string, string> { ["SWITCHYARD_KEY"] = "", ["SWITCHYARD_SECRET"] = "" }, "send", "--sample", "3");

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("error: --key is required (or set SWITCHYARD_KEY).", process.Output, StringComparison.Ordinal);
    }
}
