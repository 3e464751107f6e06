using System.Security.Cryptography;
using System.Text.Json;
using Switchyard.Core.Workspace;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// The workspace <c>serve</c> runs without <c>--config</c>: one input feed <c>dev</c> whose key and secret are
/// generated on first start and kept in the data directory.
/// </summary>
internal static class Quickstart
{
    public const string FileName = "quickstart.json";

    public const string FeedId = "dev";

    public static QuickstartCredentials LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            try
            {
                var existing = JsonSerializer.Deserialize(File.ReadAllText(path), HostJson.Context.QuickstartCredentials);
                if (existing is { FeedKey.Length: > 0, FeedSecret.Length: > 0 })
                {
                    return existing.SandboxApiKey is { Length: > 0 } ? existing : Save(path, existing with { SandboxApiKey = NewSandboxKey() });
                }
            }
            catch (JsonException e)
            {
                throw new WorkspaceException($"The quickstart credentials file '{path}' is not valid JSON ({e.Message}); fix or delete it.", e);
            }

            throw new WorkspaceException($"The quickstart credentials file '{path}' lacks feed_key or feed_secret; fix or delete it.");
        }

        return Save(path, new QuickstartCredentials("dev-" + RandomToken(12), RandomToken(32), NewSandboxKey()));
    }

    /// <summary>Written to a temporary file (readable by the owner only from its creation), then moved into place.</summary>
    private static QuickstartCredentials Save(string path, QuickstartCredentials credentials)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        SecretFile.WriteAllText(temporary, JsonSerializer.Serialize(credentials, HostJson.Context.QuickstartCredentials));
        File.Move(temporary, path, overwrite: true);
        return credentials;
    }

    private static string NewSandboxKey() => "sandbox-" + RandomToken(32);

    /// <summary>The output the quickstart's feed is connected to: the in-process Braze sandbox.</summary>
    public const string OutputId = "sandbox";

    /// <summary>
    /// The quickstart workspace: the <c>dev</c> feed and, once the sandbox runs, a Braze output pointing at it
    /// (a custom instance on loopback) with the feed connected to it.
    /// </summary>
    public static Workspace Workspace(QuickstartCredentials credentials, Uri? sandbox)
    {
        var workspace = new Workspace([new InputFeed(FeedId, "Quickstart development feed", credentials.FeedKey, credentials.FeedSecret, null, FeedRateLimit.Default)]);
        if (sandbox is null)
        {
            return workspace;
        }

        var settings = new System.Text.Json.Nodes.JsonObject
        {
            ["restApiKey"] = credentials.SandboxApiKey,
            ["instance"] = "Custom",
            ["customRestEndpoint"] = sandbox.ToString().TrimEnd('/'),
        };
        return workspace with
        {
            Outputs = [new OutputDefinition(OutputId, "braze", settings.ToJsonString())],
            Connections = [new Connection(FeedId, OutputId)],
        };
    }

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
