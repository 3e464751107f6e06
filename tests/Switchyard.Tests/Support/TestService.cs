using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;

namespace Switchyard.Tests.Support;

/// <summary>A real Switchyard host on a loopback port, with its own data directory, for one test.</summary>
internal sealed class TestService : IAsyncDisposable
{
    public const string Secret = "0123456789abcdef0123";

    private readonly ServeStorage? _storage;

    private TestService(SwitchyardHost host, string dataDirectory, ServeStorage? storage)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _storage = storage;
        Client = new HttpClient { BaseAddress = host.BaseAddress };
    }

    public SwitchyardHost Host { get; }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    public static InputFeed Feed(string id, string? environment = null, FeedRateLimit? rateLimit = null) =>
        new(id, id, id + "-key", Secret, environment, rateLimit ?? FeedRateLimit.Default);

    public static Task<TestService> StartAsync(params InputFeed[] feeds) =>
        StartAsync(new Workspace(feeds.Length == 0 ? [Feed("app")] : feeds));

    /// <param name="runProcessor">False: no processor and no delivery workers, so a test can drive the stores itself.</param>
    /// <param name="logs">A provider that sees every entry from Debug up.</param>
    /// <param name="dataDirectory">A data directory to start on (a restart); a new one when null.</param>
    /// <param name="services">Adds to the host's services (an output type of the test's own).</param>
    /// <param name="port">A fixed loopback port (0: any free one).</param>
    /// <param name="storage">Where the host keeps its data: SQLite in the data directory when null.</param>
    public static async Task<TestService> StartAsync(
        Workspace workspace,
        TimeProvider? time = null,
        bool runProcessor = true,
        ILoggerProvider? logs = null,
        string? dataDirectory = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null,
        int port = 0,
        ServeStorage? storage = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "switchyard-test-" + Guid.NewGuid().ToString("N"));
        var host = await SwitchyardHost.StartAsync(
            new ServeSettings
            {
                Workspace = workspace,
                DataDirectory = dataDirectory,
                Storage = storage?.Choice ?? StorageChoice.Sqlite,
                Port = port,
                MinimumLogLevel = logs is null ? LogLevel.Warning : LogLevel.Debug,
                RunProcessor = runProcessor,
                ConfigureLogging = logs is null ? null : logging => logging.AddProvider(logs),
                ConfigureServices = services,
            },
            time);
        return new TestService(host, dataDirectory, storage);
    }

    /// <summary>A request to the admin API with the service's admin token (or another, or none).</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, string? json = null, string? token = "")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? Host.AdminToken : token);
        }

        return await Client.SendAsync(request);
    }

    public static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));

    public Task<HttpResponseMessage> PostAsync(string path, string json, string feedId = "app", string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Basic(feedId + "-key", secret ?? Secret);
        return Client.SendAsync(request);
    }

    /// <summary>Stops the service and starts it again on the same data directory (and the same storage).</summary>
    public async Task<TestService> RestartAsync(Workspace workspace, TimeProvider? time = null, bool runProcessor = true)
    {
        Client.Dispose();
        await Host.DisposeAsync();
        return await StartAsync(workspace, time, runProcessor, dataDirectory: DataDirectory, storage: _storage);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is no reason to fail a test.
        }
    }
}
