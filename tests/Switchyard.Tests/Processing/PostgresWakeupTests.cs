using System.Net;
using Microsoft.Extensions.Logging;
using Npgsql;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Processing;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Processing;

/// <summary>
/// Two nodes on one PostgreSQL database, as an operator runs them behind a load balancer: one ingests only, the other
/// processes. Batches accepted by the first are processed by the second whether its LISTEN connection is there, was
/// killed (the notifications sent meanwhile are lost), or was never opened (poll-only).
/// </summary>
public sealed class PostgresWakeupTests : IAsyncLifetime
{
    /// <summary>The application name the PostgreSQL provider gives its listening connection.</summary>
    private const string ListenerApplication = "switchyard-inbox-listener";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<SwitchyardHost> _hosts = [];
    private readonly List<string> _directories = [];
    private readonly LogRecorder _logs = new();
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        await _database.DisposeAsync();
        _logs.Dispose();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_batch_ingested_on_another_node_is_processed_by_the_node_that_listens()
    {
        var processing = await StartAsync(runProcessor: true);
        var ingest = await StartAsync(runProcessor: false);
        await ListenersAsync(1, "the processing node listens");

        await PostAsync(ingest, "first");

        await ProcessedAsync(processing, 1);
        Assert.Equal(1, await CountListenersAsync());
        Assert.Single(_logs.Entries, e => e.EventId == 1614);
    }

    [Fact]
    public async Task After_its_LISTEN_connection_is_killed_the_processing_node_still_processes_every_batch()
    {
        var processing = await StartAsync(runProcessor: true);
        var ingest = await StartAsync(runProcessor: false);
        await ListenersAsync(1, "the processing node listens");

        // The batch is accepted while nothing listens: its notification is lost, and polling or the reconnect finds it.
        Assert.Equal(1, await TerminateListenersAsync());
        await PostAsync(ingest, "while-deaf");
        await ProcessedAsync(processing, 1);

        await _logs.WaitForAsync(e => e.EventId == 1616, Patience);
        Assert.Contains(_logs.Entries, e => e.EventId == 1615 && e.Level == LogLevel.Warning);
        await PostAsync(ingest, "after-reconnect");
        await ProcessedAsync(processing, 2);
    }

    [Fact]
    public async Task With_notifications_off_no_node_listens_and_batches_are_still_processed()
    {
        var processing = await StartAsync(runProcessor: true, notifications: false);
        var ingest = await StartAsync(runProcessor: false, notifications: false);

        await PostAsync(ingest, "polled");

        await ProcessedAsync(processing, 1);
        Assert.Equal(0, await CountListenersAsync());
        Assert.Single(_logs.Entries, e => e.EventId == 1601);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == 1614);
    }

    private async Task<SwitchyardHost> StartAsync(bool runProcessor, bool notifications = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-wakeup-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        var file = new WorkspaceStorage(WorkspaceStorage.Postgres, _database.ConnectionString) { Notifications = notifications };
        var host = await SwitchyardHost.StartAsync(new ServeSettings
        {
            Workspace = new Workspace([TestService.Feed("app")]) { Storage = file },
            DataDirectory = directory,
            Storage = StorageChoice.Resolve(null, null, file),
            Port = 0,
            RunProcessor = runProcessor,
            MinimumLogLevel = LogLevel.Information,
            ConfigureLogging = logging => logging.AddProvider(_logs),
        });
        _hosts.Add(host);
        return host;
    }

    private static async Task PostAsync(SwitchyardHost host, string requestId)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = new StringContent(Batches.CustomEvent(sourceRequestId: requestId), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static Task ProcessedAsync(SwitchyardHost host, long batches)
    {
        var statistics = (ProcessingStatistics)host.Services.GetService(typeof(ProcessingStatistics))!;
        return Eventually.HoldsAsync(() => Task.FromResult(statistics.Batches >= batches), Patience, $"the processing node has processed {batches} batch(es)");
    }

    private Task ListenersAsync(long count, string what) =>
        Eventually.HoldsAsync(async () => await CountListenersAsync() == count, Patience, what);

    private Task<long> CountListenersAsync() =>
        ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{ListenerApplication}'");

    private Task<long> TerminateListenersAsync() =>
        ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{ListenerApplication}'");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
