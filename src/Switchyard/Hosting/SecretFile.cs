using System.Text;

namespace Switchyard.Hosting;

/// <summary>Writes files that hold secrets, readable and writable by the owner only from the moment they exist.</summary>
internal static class SecretFile
{
    public static void WriteAllText(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(contents));
        stream.Flush(flushToDisk: true);
    }
}
