using System.Security.Cryptography;

namespace Switchyard.Hosting;

/// <summary>
/// The admin API token: the workspace file's, or one generated on first start and kept (owner-only) in
/// <c>admin-token.txt</c> in the data directory.
/// </summary>
internal static class AdminToken
{
    public const string FileName = "admin-token.txt";

    public static (string Token, bool Generated) Resolve(string? configured, string dataDirectory)
    {
        if (configured is not null)
        {
            return (configured, false);
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 24 } kept)
        {
            return (kept, true);
        }

        Core.Storage.PrivateFiles.CreateDirectory(dataDirectory);
        var token = "admin-" + RandomNumberGenerator.GetHexString(40, lowercase: true);
        File.Delete(path);
        SecretFile.WriteAllText(path, token);
        return (token, true);
    }
}
