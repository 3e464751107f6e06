using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// The server under load, as its own process (so its memory is measured apart from the load generator's):
/// <c>switchyard serve</c> with a workspace whose feed has room for the load.
/// </summary>
/// <remarks>
/// <c>brazeOutputSettings</c> adds a Braze event output fed by the bench feed; <c>workspaceMembers</c> adds top-level
/// members of the workspace file as they are (for example <c>"outputs":[…],"audiences":[…]</c>). <c>postgres</c> runs the
/// server on that PostgreSQL database (<c>SWITCHYARD_POSTGRES</c>) instead of SQLite in its data directory.
/// </remarks>
internal sealed partial class ServerProcess : IDisposable
{
    public const string Key = "bench-key";
    public const string Secret = "bench-secret-0123456789";
    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string directory)
    {
        _process = process;
        Address = address;
        Directory = directory;
    }

    public Uri Address { get; }

    public string Directory { get; }

    /// <summary>The key of the web input <c>webInput: true</c> adds (any origin).</summary>
    public const string WebKey = "bench-web-key";

    public static async Task<ServerProcess> StartAsync(bool processor, string? brazeOutputSettings = null, string? workspaceMembers = null, bool webInput = false, int? maxInFlight = null, string? postgres = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "workspace.json");
        await File.WriteAllTextAsync(config, $$$"""
            {"inputs":[{"id":"bench","key":"{{{Key}}}","secret":"{{{Secret}}}","rateLimit":{"batchesPerSecond":10000000,"burst":10000000}}{{{(webInput ? WebInputJson : "")}}}]{{{Outputs(brazeOutputSettings, maxInFlight)}}}{{{(workspaceMembers is null ? "" : "," + workspaceMembers)}}}}
            """);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "switchyard.dll"), "serve", "--config", config, "--data", Path.Combine(directory, "data"), "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        if (!processor)
        {
            start.ArgumentList.Add("--no-processor");
        }

        if (postgres is not null)
        {
            // The variable rather than --postgres keeps a password out of the process list.
            start.Environment["SWITCHYARD_POSTGRES"] = postgres;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                System.Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _ = DrainAsync(process.StandardOutput);
                return new ServerProcess(process, new Uri(match.Groups[1].Value), directory);
            }
        }

        throw new InvalidOperationException("The server exited before it listened.");
    }

    private const string WebInputJson = $$$"""
        ,{"id":"web","kind":"web","key":"{{{WebKey}}}","origins":["*"],"rateLimit":{"batchesPerSecond":10000000,"burst":10000000}}
        """;

    private static string Outputs(string? brazeOutputSettings, int? maxInFlight) => brazeOutputSettings is null
        ? ""
        : ",\"outputs\":[{\"id\":\"braze\",\"type\":\"braze\""
          + (maxInFlight is { } n ? ",\"maxInFlight\":" + n.ToString(CultureInfo.InvariantCulture) : "")
          + ",\"settings\":" + brazeOutputSettings + "}],"
          + "\"connections\":[{\"input\":\"bench\",\"output\":\"braze\"}]";

    /// <summary>Peak resident memory of the server so far (VmHWM), in MB.</summary>
    public double PeakResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex(@"Switchyard (?:is )?listening on (http://[^\s;/]+)")]
    private static partial Regex ListeningLine();
}
