using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary><c>switchyard config validate FILE</c>: the loader serve uses, without starting anything.</summary>
public sealed class ConfigValidateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-config-").FullName;

    [Fact]
    public async Task The_sample_workspace_is_valid_and_its_table_shows_no_secret()
    {
        var path = Path.Combine(RepositoryPaths.Root(), "samples", "workspace.json");

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("valid: " + path, run.Output, StringComparison.Ordinal);
        Assert.Contains("ios-app → braze", run.Output, StringComparison.Ordinal);
        Assert.Contains("braze_audience", run.Output, StringComparison.Ordinal);
        Assert.Contains("11036", run.Output, StringComparison.Ordinal);
        Assert.Contains("the sandbox serve runs beside it", run.Output, StringComparison.Ordinal);
        var sample = await File.ReadAllTextAsync(path);
        foreach (var secret in new[] { "sample-ios-app-secret-4f1c9e2a", "sample-braze-rest-api-key", "sample-admin-token-5d2e8b61c0a94f37" })
        {
            Assert.Contains(secret, sample, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_storage_section_is_shown_without_its_connection_string()
    {
        var path = Write("""
            {"inputs": [{"id": "app", "key": "app-key", "secret": "0123456789abcdef0123"}],
             "storage": {"provider": "postgres", "connectionString": "Host=db;Username=sy;Password=db-password-never-shown"}}
            """);

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("connection string set (not shown)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("db-password-never-shown", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=db", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_syntax_error_is_named_with_its_line_and_column_counted_from_one()
    {
        var path = Write("""
            {
              "inputs": [
                { "id": "app" "key": "app-key" }
              ]
            }
            """);

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("(line 3, column", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("valid:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_named_by_its_path()
    {
        var path = Write("""{ "inputs": [ { "id": "app", "key": "app-key", "secret": "0123456789abcdef0123", "colour": "red" } ] }""");

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("unknown field 'inputs[0].colour'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_output_with_bad_settings_is_listed_not_only_the_first()
    {
        var path = Write("""
            { "inputs": [ { "id": "app", "key": "app-key", "secret": "0123456789abcdef0123" } ],
              "outputs": [
                { "id": "braze", "type": "braze", "settings": { "restApiKey": "k-0123456789", "instance": "Mars-01" } },
                { "id": "audiences", "type": "braze_audience", "settings": { "restApiKey": "replace-with-your-rest-api-key", "instance": "US-03" } } ] }
            """);

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, run.ToString());
        Assert.Contains(lines, l => l.Contains("outputs[0].settings.instance", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("outputs[1].settings.restApiKey: still the placeholder", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "id": "x", "type": "segment", "settings": {} }""", "outputs[0].type: 'segment' is not an output type (braze, braze_audience, mparticle)")]
    [InlineData("""{ "id": "relay", "type": "mparticle", "settings": { "apiKey": "k", "apiSecret": "0123456789abcdef" } }""", "outputs[0].settings.endpoint")]
    public async Task An_output_of_an_unknown_type_or_an_mparticle_output_with_bad_settings_is_named(string output, string message)
    {
        var path = Write($$"""{ "inputs": [ { "id": "app", "key": "app-key", "secret": "0123456789abcdef0123" } ], "outputs": [ {{output}} ] }""");

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_placeholder_secret_is_refused_with_what_to_do()
    {
        var path = Write("""{ "inputs": [ { "id": "app", "key": "app-key", "secret": "replace-with-a-long-random-secret" } ] }""");

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("inputs[0].secret: still the placeholder from the documentation", run.Error, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 24", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_naming_the_file()
    {
        var path = Path.Combine(_directory, "nowhere.json");

        var run = await CliRun.RunAsync("config", "validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Cannot read the workspace file '" + path + "'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_without_a_file_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("config", "validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
