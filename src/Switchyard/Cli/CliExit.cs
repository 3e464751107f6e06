namespace Switchyard.Cli;

/// <summary>Exit codes of the verbs that talk to a running service (docs/cli.md).</summary>
internal static class CliExit
{
    /// <summary>Everything was accepted (or the file is valid).</summary>
    public const int Success = 0;

    /// <summary>Something was refused, failed or is invalid; the first reason is printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong: a missing or bad option, an unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>Stopped with Ctrl+C before the work was done (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
