using System.Diagnostics;
using System.Net;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// The packaging recipe of docs/operations.md: <c>dotnet publish</c> makes one self-contained <c>switchyard</c> file
/// that runs <c>serve</c> on a machine without the .NET SDK's help and answers <c>/healthz</c>.
/// </summary>
public sealed class PublishProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-publish-" + Guid.NewGuid().ToString("N"));

    public PublishProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_published_single_file_binary_serves_and_answers_healthz()
    {
        var output = Path.Combine(_directory, "out");
        var (exitCode, log) = await RunAsync("dotnet", [.. PublishArguments(Path.Combine(RepositoryPaths.Root(), "src", "Switchyard"), output)], TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, "dotnet publish failed:\n" + log);
        var binary = Path.Combine(output, "switchyard");
        Assert.True(File.Exists(binary), "no switchyard file in " + output);
        // One file: the native SQLite library travels inside it.
        Assert.Empty(Directory.GetFiles(output, "*.so"));

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (var argument in new[] { "serve", "--data", Path.Combine(_directory, "data"), "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var address = await ListeningAddressAsync(process);
            using var client = new HttpClient { BaseAddress = address };
            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"ok\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The command docs/operations.md gives, writing to <paramref name="output"/>.</summary>
    private static IEnumerable<string> PublishArguments(string project, string output) =>
        ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-o", output, "--nologo"];

    private static async Task<Uri> ListeningAddressAsync(Process process)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (SwitchyardProcess.ListeningLine().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("the published binary exited before listening: " + await process.StandardError.ReadToEndAsync());
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }


    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
