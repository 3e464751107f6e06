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
        Core.Storage.PrivateFiles.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            try
            {
                var existing = JsonSerializer.Deserialize(File.ReadAllText(path), HostJson.Context.QuickstartCredentials);
                if (existing is { FeedKey.Length: > 0, FeedSecret.Length: > 0 })
                {
                    // Files from older versions lack the credentials added since; they are generated once and kept.
                    var completed = existing with
                    {
                        SandboxApiKey = existing.SandboxApiKey is { Length: > 0 } ? existing.SandboxApiKey : NewSandboxKey(),
                        BrazeFeedKey = existing.BrazeFeedKey is { Length: > 0 } ? existing.BrazeFeedKey : NewBrazeFeedKey(),
                        BrazeFeedSecret = existing.BrazeFeedSecret is { Length: > 0 } ? existing.BrazeFeedSecret : RandomToken(32),
                    };
                    return completed == existing ? existing : Save(path, completed);
                }
            }
            catch (JsonException e)
            {
                throw new WorkspaceException($"The quickstart credentials file '{path}' is not valid JSON ({e.Message}); fix or delete it.", e);
            }

            throw new WorkspaceException($"The quickstart credentials file '{path}' lacks feed_key or feed_secret; fix or delete it.");
        }

        return Save(path, new QuickstartCredentials("dev-" + RandomToken(12), RandomToken(32), NewSandboxKey(), NewBrazeFeedKey(), RandomToken(32)));
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

    private static string NewBrazeFeedKey() => "braze-" + RandomToken(12);

    /// <summary>The output the quickstart's feed is connected to: the in-process Braze sandbox.</summary>
    public const string OutputId = "sandbox";

    /// <summary>The audience output: audiences connected to it go to the sandbox as SegmentMembership.</summary>
    public const string AudienceOutputId = "sandbox-audiences";

    /// <summary>The Braze feed the sandbox's Currents connector posts engagement to.</summary>
    public const string BrazeFeedId = "braze-currents";

    /// <summary>
    /// The quickstart workspace: the <c>dev</c> feed, the <c>braze-currents</c> Braze feed and, once the sandbox runs,
    /// a Braze output and a Braze audience output pointing at it (a custom instance on loopback). Both feeds are
    /// connected to the Braze output; the Braze feed's data is not sent back to it (echo suppression), so the
    /// connection only shows the rule at work.
    /// </summary>
    public static Workspace Workspace(QuickstartCredentials credentials, Uri? sandbox)
    {
        var workspace = new Workspace(
        [
            new InputFeed(FeedId, "Quickstart development feed", credentials.FeedKey, credentials.FeedSecret, null, FeedRateLimit.Default),
            new InputFeed(BrazeFeedId, "Braze Currents from the sandbox", credentials.BrazeFeedKey!, credentials.BrazeFeedSecret!, null, FeedRateLimit.Default)
            {
                Kind = InputFeedKind.BrazeUnbound,
            },
        ]);
        if (sandbox is null)
        {
            return workspace;
        }

        var endpoint = sandbox.ToString().TrimEnd('/');
        var events = new System.Text.Json.Nodes.JsonObject
        {
            ["restApiKey"] = credentials.SandboxApiKey,
            ["instance"] = "Custom",
            ["customRestEndpoint"] = endpoint,
        };
        var audiences = new System.Text.Json.Nodes.JsonObject
        {
            ["restApiKey"] = credentials.SandboxApiKey,
            ["instance"] = "Custom",
            ["customRestEndpoint"] = endpoint,
        };
        return workspace with
        {
            Outputs =
            [
                new OutputDefinition(OutputId, OutputTypes.Braze, events.ToJsonString()),
                new OutputDefinition(AudienceOutputId, OutputTypes.BrazeAudience, audiences.ToJsonString()),
            ],
            Connections = [new Connection(FeedId, OutputId), new Connection(BrazeFeedId, OutputId)],
        };
    }

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    /// <summary>
    /// Points the sandbox's Currents connector at the Braze feed of the running service (on loopback), so a simulated
    /// campaign send comes back as engagement: the whole loop runs locally.
    /// </summary>
    public static async Task ConnectCurrentsAsync(Uri sandbox, Uri service, QuickstartCredentials credentials, CancellationToken cancellationToken)
    {
        var target = new UriBuilder(service) { Path = "/v2/bulkevents" };
        if (target.Host is "0.0.0.0" or "[::]" or "::")
        {
            target.Host = "127.0.0.1";
        }

        var connector = new System.Text.Json.Nodes.JsonObject
        {
            ["url"] = target.Uri.ToString(),
            ["api_key"] = credentials.BrazeFeedKey,
            ["api_secret"] = credentials.BrazeFeedSecret,
            ["environment"] = "development",
        };
        using var client = new HttpClient { BaseAddress = sandbox, Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(connector.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PutAsync("_sandbox/currents/connector", content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"The sandbox refused its Currents connector ({(int)response.StatusCode}): {body}");
        }
    }
}
