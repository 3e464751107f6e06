using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Makes one process the owner of a database file: a store keeps state
/// about its file (one writer session, cached versions) that a second process would silently break. The lock is
/// released when the store is disposed or the process dies.
/// </summary>
internal static class DatabaseFileLock
{
    public static FileStream Acquire(string directory, string lockFileName)
    {
        var path = Path.Combine(directory, lockFileName);
        try
        {
            return PrivateFiles.OpenExclusive(path);
        }
        catch (IOException e)
        {
            throw new IOException($"The data directory '{directory}' is in use by another Switchyard process (it holds {path}).", e);
        }
    }
}
