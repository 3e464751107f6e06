using System.Data.Common;

namespace Switchyard.Cli;

/// <summary>
/// What can go wrong at start-up through no bug of ours (a port in use, an unwritable data directory, invalid
/// options, a database that cannot be reached or is newer than this build): reported as one line on standard error
/// with exit code 2, instead of a stack trace.
/// </summary>
internal static class StartFailure
{
    public static bool IsExpected(Exception e) =>
        e is IOException or UnauthorizedAccessException or DbException or ArgumentException or Core.Workspace.WorkspaceException
        or Hosting.TlsCertificateException or Core.Partitions.PartitionCountMismatchException or Core.Storage.StorageSchemaTooNewException;

    public static Task<int> ReportAsync(string what, Exception e) => ReportAsync(what, e, text => text);

    /// <param name="redact">Removes what must not be shown (a database password) from the line before it is written.</param>
    public static async Task<int> ReportAsync(string what, Exception e, Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(redact);
        await System.Console.Error.WriteLineAsync(redact($"error: {what}: {Describe(e)}")).ConfigureAwait(false);
        return 2;
    }

    /// <summary>
    /// The exception's message on one line; a database error also names its cause when the driver keeps it apart (the
    /// refused connection behind "Failed to connect to …").
    /// </summary>
    private static string Describe(Exception e)
    {
        var message = OneLine(e.Message);
        return e is DbException && e.InnerException is { } inner && OneLine(inner.Message) is { Length: > 0 } cause && !message.Contains(cause, StringComparison.Ordinal)
            ? $"{message} ({cause})"
            : message;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
