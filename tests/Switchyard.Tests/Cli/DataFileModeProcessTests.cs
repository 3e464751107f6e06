using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// The data directories hold customer data and secrets: after a real start (the test process runs under umask 022),
/// every directory Switchyard creates is 0700 and every file in it 0600, databases and their -wal/-shm included.
/// </summary>
public sealed class DataFileModeProcessTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-modes-" + Guid.NewGuid().ToString("N"));

    public DataFileModeProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Serve_and_its_quickstart_sandbox_keep_every_file_private_to_the_owner()
    {
        var data = Path.Combine(_directory, "nested", "data");
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", data, "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var key = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var secret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(Batches.CustomEvent(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic(key, secret);
        using var accepted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // While running (the -wal and -shm files exist), and after a clean stop.
        AssertPrivate(data, ["inbox.db", "inbox.db-wal", "inbox.db-shm", "profiles.db", "audiences.db", "inbox.lock", "quickstart.json", "admin-token.txt", Path.Combine("sandbox", "sandbox-currents-connector.json")]);
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));
        AssertPrivate(data, []);
    }

    [Fact]
    public async Task The_sandbox_verb_keeps_every_file_private_to_the_owner()
    {
        var data = Path.Combine(_directory, "sandbox-data");
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--data", data);
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        var key = (await process.WaitForLineAsync(SwitchyardProcess.SandboxKeyLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal(HttpStatusCode.Created, await SendAsync(client, "/users/track", """{"attributes":[{"external_id":"u1","plan":"pro"}]}""", key));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, "/_sandbox/segments/pro", """{"filter":{"attribute":"plan","operator":"equals","value":"pro"}}""", null, HttpMethod.Put));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, "/_sandbox/currents/connector", """{"url":"http://127.0.0.1:9/v2/bulkevents","api_key":"k","api_secret":"s"}""", null, HttpMethod.Put));

        AssertPrivate(data, ["sandbox.db", "sandbox-api-key.txt", "sandbox-segments.json", "sandbox-currents-connector.json"]);
    }

    [Fact]
    public async Task An_existing_data_directory_open_to_others_is_reported_and_its_files_are_still_private()
    {
        var data = Path.Combine(_directory, "shared");
        Directory.CreateDirectory(data);
        const UnixFileMode Open = PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(data, Open);

        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", data, "--port", "0");
        await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout);

        await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex("data directory .* is open to other users"), StartTimeout);
        Assert.Equal(Open, File.GetUnixFileMode(data));
        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.GetUnixFileMode(file) == Private, $"{file} is {File.GetUnixFileMode(file)}");
        }
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

    /// <summary>The named files exist; every file under the directory is 0600 and every directory (itself included) 0700.</summary>
    private static void AssertPrivate(string data, string[] expected)
    {
        foreach (var name in expected)
        {
            Assert.True(File.Exists(Path.Combine(data, name)), $"{name} should exist in {data}: {string.Join(", ", Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))}");
        }

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
        foreach (var directory in Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.GetUnixFileMode(directory) == PrivateDirectory, $"{directory} is {File.GetUnixFileMode(directory)}");
        }

        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.GetUnixFileMode(file) == Private, $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string path, string json, string? key, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
