using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>A bad <c>--port</c> is a usage error naming the option (exit 1), never an unhandled exception.</summary>
public sealed class PortOptionProcessTests
{
    [Theory]
    [InlineData("serve", "abc")]
    [InlineData("serve", "70000")]
    [InlineData("serve", "-1")]
    [InlineData("sandbox", "abc")]
    [InlineData("sandbox", "99999999999")]
    public async Task A_port_that_is_not_a_port_exits_1_naming_the_option(string verb, string port)
    {
        using var process = SwitchyardProcess.Start(Path.GetTempPath(), verb, "--port", port, "--data", Path.Combine(Path.GetTempPath(), "switchyard-port-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--port must be between 0 and 65535", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
    }
}
