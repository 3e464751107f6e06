using Switchyard.Core.Storage;

namespace Switchyard.Hosting;

/// <summary>Writes files that hold secrets, readable and writable by the owner only from the moment they exist.</summary>
internal static class SecretFile
{
    public static void WriteAllText(string path, string contents) => PrivateFiles.WriteAllText(path, contents);
}
