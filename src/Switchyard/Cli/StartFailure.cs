using System.Data.Common;

namespace Switchyard.Cli;

/// <summary>
/// What can go wrong at start-up through no bug of ours (a port in use, an unwritable data directory, invalid
/// options): reported as one line on standard error with exit code 2, instead of a stack trace.
/// </summary>
internal static class StartFailure
{
    public static bool IsExpected(Exception e) =>
        e is IOException or UnauthorizedAccessException or DbException or ArgumentException or Core.Workspace.WorkspaceException
        or Hosting.TlsCertificateException or Core.Partitions.PartitionCountMismatchException;

    public static async Task<int> ReportAsync(string what, Exception e)
    {
        await System.Console.Error.WriteLineAsync($"error: {what}: {e.Message}").ConfigureAwait(false);
        return 2;
    }
}
