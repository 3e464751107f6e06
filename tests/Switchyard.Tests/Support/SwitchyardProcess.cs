using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Switchyard.Tests.Support;

/// <summary>The real <c>switchyard</c> executable in a child process, with its output captured line by line.</summary>
internal sealed partial class SwitchyardProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _lineArrived = new(0);

    private SwitchyardProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static SwitchyardProcess Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts the executable with extra environment variables (the test-only knobs).</summary>
    public static SwitchyardProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "switchyard.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var wrapper = new SwitchyardProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Add(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Waits until a line matches, failing with everything printed so far if it never does.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            lock (_lines)
            {
                foreach (var line in _lines)
                {
                    var match = pattern.Match(line);
                    if (match.Success)
                    {
                        return match;
                    }
                }
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero || _process.HasExited && !await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200)))
            {
                throw new TimeoutException($"No line matched {pattern} (exited: {_process.HasExited}). Output:\n{Output}");
            }

            await _lineArrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    public bool HasExited => _process.HasExited;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops a service.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process freezes where it is (a long pause, a VM stall) until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(10_000);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    [GeneratedRegex(@"Switchyard (?:is )?listening on (http://[^\s;/]+)")]
    public static partial Regex ListeningLine();

    [GeneratedRegex(@"Braze sandbox\s+(http://[^\s;/]+)\s+\(REST API key (\S+?);")]
    public static partial Regex QuickstartSandboxLine();

    [GeneratedRegex(@"sandbox is listening on (http://[^\s;/]+)")]
    public static partial Regex SandboxListeningLine();

    [GeneratedRegex(@"REST API key\s+(\S+)$")]
    public static partial Regex SandboxKeyLine();

    [GeneratedRegex(@"^\s+token\s+(admin-\S+)")]
    public static partial Regex AdminTokenLine();

    [GeneratedRegex(@"^\s+token\s+(control-\S+)")]
    public static partial Regex ControlTokenLine();

    [GeneratedRegex(@"^\s+key\s+(\S+)")]
    public static partial Regex KeyLine();

    [GeneratedRegex(@"^\s+secret\s+(\S+)")]
    public static partial Regex SecretLine();

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _lineArrived.Release();
    }
}
