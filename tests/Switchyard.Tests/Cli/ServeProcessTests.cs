using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

public sealed class ServeProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-serve-" + Guid.NewGuid().ToString("N"));

    public ServeProcessTests() => Directory.CreateDirectory(_directory);

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Quickstart_credentials_survive_a_restart_and_acknowledged_batches_survive_kill_9(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        var data = Path.Combine(_directory, "data");
        string key, secret;
        using (var first = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0")))
        {
            var address = (await first.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
            key = (await first.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
            secret = (await first.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;

            using var response = await PostAsync(address, key, secret, Batches.CustomEvent("before-crash", sourceRequestId: "r1"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "quickstart.json")));
            first.Kill();
        }

        using (var second = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0")))
        {
            var address = (await second.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
            Assert.Equal(key, (await second.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value);
            Assert.Equal(secret, (await second.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value);

            using var again = await PostAsync(address, key, secret, Batches.CustomEvent("before-crash", sourceRequestId: "r1"));
            using var next = await PostAsync(address, key, secret, Batches.CustomEvent("after-restart"));
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
            second.Kill();
        }

        await using var inbox = await storage.OpenInboxAsync(data);
        var names = (await inbox.ReadAsync(0, 10, default)).Select(b => EventName(b.Payload));
        Assert.Equal(["before-crash", "after-restart"], names);
    }

    [Fact]
    public async Task The_admin_address_the_banner_prints_answers_with_the_printed_token()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0");
        var admin = (await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex(@"Admin API\s+(http://\S+)"), StartTimeout)).Groups[1].Value;
        var token = (await process.WaitForLineAsync(SwitchyardProcess.AdminTokenLine(), StartTimeout)).Groups[1].Value;

        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, admin);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_console_address_the_banner_prints_leads_to_the_sign_in_page()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0");
        var console = (await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex(@"Console\s+(http://\S+)"), StartTimeout)).Groups[1].Value;

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await client.GetAsync(console);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        using var signIn = await client.GetAsync(new Uri(new Uri(console), "/signin"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Admin token", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_workspace_file_stops_start_up_with_a_message_naming_the_field()
    {
        var config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(config, """{"inputs":[{"id":"web","key":"k","secret":"0123456789abcdef","colour":"red"}]}""");

        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", config, "--port", "0");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("inputs[0].colour", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_workspace_file_serves_its_feeds()
    {
        var config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(config, """{"inputs":[{"id":"web","key":"web-key","secret":"0123456789abcdef"}]}""");

        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", config, "--data", Path.Combine(_directory, "d"), "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;

        using var response = await PostAsync(address, "web-key", "0123456789abcdef", Batches.CustomEvent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain("0123456789abcdef", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Sigterm_stops_the_service_cleanly_and_keeps_what_was_acknowledged(StorageKind kind)
    {
        await using var storage = await ServeStorage.CreateAsync(kind);
        var data = Path.Combine(_directory, "data");
        using var process = SwitchyardProcess.Start(_directory, storage.Serve("--data", data, "--port", "0"));
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var key = (await process.WaitForLineAsync(SwitchyardProcess.KeyLine(), StartTimeout)).Groups[1].Value;
        var secret = (await process.WaitForLineAsync(SwitchyardProcess.SecretLine(), StartTimeout)).Groups[1].Value;
        using var response = await PostAsync(address, key, secret, Batches.CustomEvent("kept"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        process.Terminate();

        Assert.Equal(0, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("Stopping", process.Output, StringComparison.Ordinal);
        await using var inbox = await storage.OpenInboxAsync(data);
        Assert.Equal(1, await inbox.CountAsync(default));
    }

    [Fact]
    public async Task A_port_in_use_stops_start_up_with_a_message_not_a_stack_trace()
    {
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // A workspace file, so no quickstart sandbox competes for the next port.
        var config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(config, """{"inputs":[{"id":"web","key":"web-key","secret":"0123456789abcdef"}]}""");

        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", config, "--data", Path.Combine(_directory, "data"), "--port", port);

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains($"error: cannot start on 127.0.0.1:{port}", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_both_ports_in_use_the_message_names_both()
    {
        // Two neighbouring free ports: the service's and the sandbox's (--port + 1).
        var (first, second) = OccupyNeighbouringPorts();
        using var holdFirst = first;
        using var holdSecond = second;
        var port = ((IPEndPoint)first.LocalEndpoint).Port;

        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains($"port {port} (--port, the Events API) and port {port + 1} (--port + 1, the Braze sandbox) are in use", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_workspace_starts_from_the_repository_root_and_its_output_reaches_the_sandbox()
    {
        var root = RepositoryPaths.Root();
        using var process = SwitchyardProcess.Start(root, "serve", "--config", "samples/workspace.json", "--data", Path.Combine(_directory, "data"), "--port", "0");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        var sandbox = (await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex(@"Braze sandbox\s+(http://\S+)\s+\(for the outputs"), StartTimeout)).Groups[1].Value;

        using var response = await PostAsync(address, "ios-app-key", "sample-ios-app-secret-4f1c9e2a",
            """{"user_identities":{"customer_id":"sample-user"},"user_attributes":{"plan":"pro"},"events":[{"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"other"}}]}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var client = new HttpClient { BaseAddress = new Uri(sandbox) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sample-braze-rest-api-key");
        string exported = "";
        for (var attempt = 0; attempt < 100 && !exported.Contains("\"plan\":\"pro\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            using var export = await client.PostAsync("users/export/ids", new StringContent(
                """{"external_ids":["sample-user"],"fields_to_export":["custom_attributes","custom_events"]}""", Encoding.UTF8, "application/json"));
            exported = await export.Content.ReadAsStringAsync();
        }

        Assert.Contains("\"plan\":\"pro\"", exported, StringComparison.Ordinal);
        Assert.Contains("\"Played\"", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_placeholder_secret_copied_from_the_docs_stops_start_up_with_advice()
    {
        var config = Path.Combine(_directory, "workspace.json");
        await File.WriteAllTextAsync(config, """
            {"inputs":[{"id":"web","key":"web-key","secret":"0123456789abcdef"}],
             "outputs":[{"id":"braze","type":"braze","settings":{"restApiKey":"replace-with-your-rest-api-key","instance":"US-03"}}]}
            """);

        using var process = SwitchyardProcess.Start(_directory, "serve", "--config", config, "--data", Path.Combine(_directory, "data"), "--port", "0");

        Assert.Equal(2, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("outputs[0].settings.restApiKey: still the placeholder from the documentation", process.Output, StringComparison.Ordinal);
    }

    private static (System.Net.Sockets.TcpListener First, System.Net.Sockets.TcpListener Second) OccupyNeighbouringPorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            var second = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port + 1);
            try
            {
                second.Start();
                return (first, second);
            }
            catch (System.Net.Sockets.SocketException)
            {
                first.Stop();
                second.Dispose();
                first.Dispose();
            }
        }

        throw new InvalidOperationException("no two neighbouring free ports found");
    }


    [Fact]
    public async Task A_data_directory_in_use_by_another_process_is_refused_with_a_message()
    {
        var data = Path.Combine(_directory, "shared");
        using var first = SwitchyardProcess.Start(_directory, "serve", "--data", data, "--port", "0");
        await first.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout);

        using var second = SwitchyardProcess.Start(_directory, "serve", "--data", data, "--port", "0");

        Assert.Equal(2, await second.WaitForExitAsync(StartTimeout));
        Assert.Contains("is in use by another Switchyard process", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_port_is_refused_with_a_message()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--port", "70000");

        Assert.Equal(1, await process.WaitForExitAsync(StartTimeout));
        Assert.Contains("--port must be between 0 and 65535", process.Output, StringComparison.Ordinal);
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

    private static async Task<HttpResponseMessage> PostAsync(string address, string key, string secret, string json)
    {
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestService.Basic(key, secret);
        return await client.SendAsync(request);
    }

    private static string? EventName(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("event_name").GetString();
    }
}
