namespace Switchyard.Sandbox.Persistence;

/// <summary>
/// The sandbox's data directory holds profiles, REST key hashes and the Currents connector's secret, so what the
/// sandbox creates there is the owner's alone from the moment it exists, whatever the process umask: directories 0700,
/// files 0600. An existing directory is left as it is (a warning says when others can read it). On Windows, which has
/// no Unix modes, the defaults stay.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersBits =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

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

    /// <summary>The directory's mode, in octal, when group or others have any permission on it; null otherwise.</summary>
    public static string? OpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && Directory.Exists(path) && File.GetUnixFileMode(path) is var mode && (mode & OthersBits) != 0
            ? Convert.ToString((int)mode, 8)
            : null;

    /// <summary>Writes a file that is 0600 from its creation (callers write a temporary file and move it into place).</summary>
    public static void WriteAllText(string path, string contents)
    {
        Tighten(path);
        using var stream = new FileStream(path, Options(System.IO.FileMode.Create));
        stream.Write(System.Text.Encoding.UTF8.GetBytes(contents));
    }

    /// <summary>
    /// Call before SQLite opens a database file: a missing one is created empty and 0600 (SQLite gives its -wal and
    /// -shm files the database file's mode); a looser one left by an earlier version, and its -wal and -shm, are tightened.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        Tighten(path);
        Tighten(path + "-wal");
        Tighten(path + "-shm");
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, Options(System.IO.FileMode.CreateNew));
        }
    }

    private static FileStreamOptions Options(System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
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
