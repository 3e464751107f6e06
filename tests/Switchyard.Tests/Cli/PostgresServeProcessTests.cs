using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// <c>serve</c> on PostgreSQL as an operator runs it: the real executable, chosen by <c>--postgres</c>, by
/// <c>SWITCHYARD_POSTGRES</c> or by the workspace file, against a database of the test cluster.
/// </summary>
public sealed class PostgresServeProcessTests : IDisposable
{
    private const string Password = "pg-secret-5521-never-printed";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-pg-serve-" + Guid.NewGuid().ToString("N"));

    public PostgresServeProcessTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(WorkspaceFile, $$"""{"inputs": [{"id": "app", "key": "app-key", "secret": "{{TestService.Secret}}"}]}""");
    }

    private string WorkspaceFile => Path.Combine(_directory, "workspace.json");

    private string Data => Path.Combine(_directory, "data");

    [Fact]
    public async Task A_connection_string_that_cannot_be_parsed_stops_the_start_with_one_line_and_no_password()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0", "--postgres", $"Host=127.0.0.1;Port=five;Password={Password}");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: the PostgreSQL connection string is not valid: Couldn't set port (Parameter 'port')", line);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_stops_the_start_with_one_line_and_no_password()
    {
        var environment = new Dictionary<string, string> { ["SWITCHYARD_POSTGRES"] = $"Host=127.0.0.1;Port=1;Database=cdp;Username=switchyard;Password={Password}" };
        using var process = SwitchyardProcess.Start(_directory, environment, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot start on 127.0.0.1:0 with PostgreSQL database 'cdp' on 127.0.0.1:1: Failed to connect to 127.0.0.1:1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_whose_schema_is_newer_than_this_build_is_refused()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.ExecuteAsync("""
            CREATE TABLE switchyard_schema (component text NOT NULL, version integer NOT NULL, name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
            INSERT INTO switchyard_schema (component, version, name) VALUES ('meta', 99, 'from a later build');
            """);
        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0", "--postgres", database.WithPassword(Password));

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("The database's meta schema is at version 99, but this Switchyard knows versions up to 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workspace_files_storage_section_chooses_postgres_and_the_environment_gives_the_connection_string()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.ExecuteAsync("""
            CREATE TABLE switchyard_schema (component text NOT NULL, version integer NOT NULL, name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
            INSERT INTO switchyard_schema (component, version, name) VALUES ('meta', 99, 'from a later build');
            """);
        File.WriteAllText(WorkspaceFile, $$$"""{"inputs": [{"id": "app", "key": "app-key", "secret": "{{{TestService.Secret}}}"}], "storage": {"provider": "postgres"}}""");

        // Without a connection string anywhere the start is refused; with one in the environment the file's choice holds
        // (the newer schema proves the database was reached).
        using (var bare = SwitchyardProcess.Start(_directory, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0"))
        {
            Assert.Equal(2, await bare.WaitForExitAsync(StartTimeout));
            Assert.Contains("storage.provider is 'postgres' but no connection string was given", bare.Output, StringComparison.Ordinal);
        }

        var environment = new Dictionary<string, string> { ["SWITCHYARD_POSTGRES"] = database.WithPassword(Password) };
        using var process = SwitchyardProcess.Start(_directory, environment, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0");
        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains($"PostgreSQL database '{database.Name}'", process.Output, StringComparison.Ordinal);
        Assert.Contains("meta schema is at version 99", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_postgres_starts_on_a_fresh_database_and_answers()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0", "--postgres", database.WithPassword(Password));
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        await AssertReadyAsync(client);
        using var accepted = await PostBatchAsync(client);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains($"Storage         PostgreSQL database '{database.Name}' on ", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));
    }

    [Fact]
    public async Task Serve_takes_the_database_from_SWITCHYARD_POSTGRES()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var environment = new Dictionary<string, string> { ["SWITCHYARD_POSTGRES"] = database.WithPassword(Password) };
        using var process = SwitchyardProcess.Start(_directory, environment, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        await AssertReadyAsync(client);
        using var accepted = await PostBatchAsync(client);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains($"PostgreSQL database '{database.Name}'", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_answers_200_while_the_database_is_there_and_503_once_it_is_gone()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var dropped = database;
        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", WorkspaceFile, "--data", Data, "--port", "0", "--postgres", database.WithPassword(Password));
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        await AssertReadyAsync(client);

        await database.DropAsync();

        JsonNode? body = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await client.GetAsync("/health/ready");
                body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(30),
            "/health/ready answers 503 once the database is dropped");
        Assert.Equal("unavailable", body!["status"]!.GetValue<string>());
        Assert.Equal("unreachable", body["storage"]!.GetValue<string>());
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex("Readiness: the storage does not answer"), StartTimeout);
        Assert.DoesNotContain(Password, process.Output, StringComparison.Ordinal);
    }

    private static async Task AssertReadyAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready answered {(int)ready.StatusCode}: {body}");
        Assert.Equal("""{"status":"ready","storage":"ok","partitions":"may_own"}""", JsonNode.Parse(body)!.ToJsonString());
    }

    private static async Task<HttpResponseMessage> PostBatchAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(Batches.CustomEvent("on-postgres"), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
        return await client.SendAsync(request);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
