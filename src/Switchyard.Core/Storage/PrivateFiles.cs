namespace Switchyard.Core.Storage;

/// <summary>
/// A data directory holds customer data and secrets, so what Switchyard creates there is the owner's alone from the
/// moment it exists, whatever the process umask: directories 0700, files 0600. On Windows, which has no Unix modes,
/// the defaults stay.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersBits =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the directory, and any missing parent, as 0700. An existing directory is left as it is: it may be
    /// shared on purpose (<c>--data .</c>), and the files Switchyard puts in it are 0600 anyway;
    /// <see cref="OpenToOthers"/> tells the host whether to warn.
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>The path's mode when group or others have any permission on it; null when they have none (or on Windows).</summary>
    public static UnixFileMode? OpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && File.GetUnixFileMode(path) is var mode && (mode & OthersBits) != 0 ? mode : null;

    /// <summary>Writes (or overwrites) a file that is 0600 from its creation; an existing looser file is tightened first.</summary>
    public static void WriteAllText(string path, string contents)
    {
        Tighten(path);
        using var stream = new FileStream(path, Options(System.IO.FileMode.Create, FileAccess.Write, FileShare.None));
        stream.Write(System.Text.Encoding.UTF8.GetBytes(contents));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Opens (creating it 0600 if missing) a file held open for the process's lifetime, such as a lock file.</summary>
    public static FileStream OpenExclusive(string path)
    {
        Tighten(path);
        return new FileStream(path, Options(System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
    }

    /// <summary>
    /// Call before SQLite opens a database file. A missing database is created empty, 0600 (SQLite takes an empty file
    /// for a new database); SQLite gives the <c>-wal</c> and <c>-shm</c> files it creates the database file's mode.
    /// Files left looser by an earlier version are tightened, <c>-wal</c> and <c>-shm</c> included.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        Tighten(path);
        Tighten(path + "-wal");
        Tighten(path + "-shm");
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, Options(System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None));
        }
    }

    private static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    private static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
