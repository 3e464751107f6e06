using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Sandbox.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Privacy;

/// <summary>A Switchyard host with a Braze output on the sandbox and a loopback listener for DSR status callbacks.</summary>
internal sealed class DsrFixture : IAsyncDisposable
{
    public const string RestKey = "dsr-rest-key-0123456789";

    private DsrFixture(SandboxServer sandbox, CallbackListener callbacks, string dataDirectory)
    {
        Sandbox = sandbox;
        Callbacks = callbacks;
        DataDirectory = dataDirectory;
    }

    public SandboxServer Sandbox { get; }

    public CallbackListener Callbacks { get; }

    public string DataDirectory { get; }

    public SwitchyardHost? Host { get; private set; }

    public HttpClient Client { get; private set; } = new();

    public static async Task<DsrFixture> StartAsync(double waitingHours = 0, bool runProcessor = true)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        var sandbox = await SandboxServer.StartAsync(options);
        var fixture = new DsrFixture(sandbox, CallbackListener.Start(), Path.Combine(Path.GetTempPath(), "switchyard-dsr-" + Guid.NewGuid().ToString("N")));
        await fixture.StartHostAsync(waitingHours, runProcessor);
        return fixture;
    }

    public async Task StartHostAsync(double waitingHours = 0, bool runProcessor = true)
    {
        var settings = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = Sandbox.BaseAddress.ToString().TrimEnd('/') };
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", settings.ToJsonString())],
            Connections = [new Connection("app", "braze")],
            Privacy = new PrivacySettings { DsrCallbackUrls = [new Uri(Callbacks.Prefix + "dsr/")], ErasureWaitingPeriod = TimeSpan.FromHours(waitingHours) },
        };
        Host = await SwitchyardHost.StartAsync(new ServeSettings
        {
            Workspace = workspace,
            DataDirectory = DataDirectory,
            Port = 0,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            RunProcessor = runProcessor,
            DsrPollInterval = TimeSpan.FromMilliseconds(100),
            DsrSweepDelay = TimeSpan.FromMilliseconds(300),
        });
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
        Client.DefaultRequestHeaders.Authorization = TestService.Basic("app-key", TestService.Secret);
    }

    public async Task StopHostAsync()
    {
        Client.Dispose();
        await Host!.DisposeAsync();
        Host = null;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static string Batch(string customerId, string email, string plan) => new JsonObject
    {
        ["environment"] = "development",
        ["user_identities"] = new JsonObject { ["customer_id"] = customerId, ["email"] = email },
        ["user_attributes"] = new JsonObject { ["plan"] = plan },
        ["events"] = new JsonArray(new JsonObject
        {
            ["event_type"] = "custom_event",
            ["data"] = new JsonObject
            {
                ["event_name"] = "Played",
                ["custom_event_type"] = "other",
                ["timestamp_unixtime_ms"] = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(),
            },
        }),
    }.ToJsonString();

    public static string Request(string id, string type, string email, params string[] callbacks) => new JsonObject
    {
        ["regulation"] = "gdpr",
        ["subject_request_id"] = id,
        ["subject_request_type"] = type,
        ["submitted_time"] = "2026-01-31T12:00:00Z",
        ["subject_identities"] = new JsonObject { ["email"] = new JsonObject { ["value"] = email, ["encoding"] = "raw" } },
        ["api_version"] = "3.0",
        ["status_callback_urls"] = new JsonArray([.. callbacks.Select(c => (JsonNode)JsonValue.Create(c)!)]),
        ["group_id"] = "group-1",
        ["extensions"] = new JsonObject { ["opendsr.mparticle.com"] = new JsonObject { ["skip_waiting_period"] = true } },
    }.ToJsonString();

    public async Task<JsonNode> StatusAsync(string id)
    {
        using var response = await Client.GetAsync($"/v3/requests/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task WaitForStatusAsync(string id, string status) =>
        Eventually.HoldsAsync(async () => (string?)(await StatusAsync(id))["request_status"] == status, TimeSpan.FromSeconds(30), $"request {id} {status}");

    /// <summary>Braze users with these external ids, as the sandbox exports them.</summary>
    public async Task<int> BrazeUsersAsync(params string[] externalIds)
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseAddress };
        var body = new JsonObject
        {
            ["external_ids"] = new JsonArray([.. externalIds.Select(e => (JsonNode)JsonValue.Create(e)!)]),
            ["fields_to_export"] = new JsonArray("external_id", "custom_attributes"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        using var response = await client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray().Count;
    }

    /// <summary>
    /// Every place in every SQLite database of the data directory (each table, each column of every row) where one of
    /// <paramref name="needles"/> occurs: in text, in blobs (as UTF-8), or as an integer equal to <paramref name="mpid"/>.
    /// </summary>
    public List<string> FindEverywhere(long mpid, params string[] needles)
    {
        var found = new List<string>();
        var textNeedles = needles.Append(mpid.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var file in Directory.GetFiles(DataDirectory, "*.db"))
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\";";
                using var rows = select.ExecuteReader();
                while (rows.Read())
                {
                    for (var i = 0; i < rows.FieldCount; i++)
                    {
                        var text = rows.GetValue(i) switch
                        {
                            string s => s,
                            byte[] b => Encoding.UTF8.GetString(b),
                            long l when l == mpid => "MPID",
                            _ => null,
                        };
                        if (text is not null && textNeedles.Any(n => text.Contains(n, StringComparison.Ordinal)) || text == "MPID")
                        {
                            found.Add($"{Path.GetFileName(file)}:{table}.{rows.GetName(i)}");
                        }
                    }
                }
            }
        }

        return found;
    }

    public static bool Verifies(string certificatePem, byte[] body, string signature)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var key = certificate.GetRSAPublicKey()!;
        return key.VerifyData(body, Convert.FromBase64String(string.Concat(signature.Where(c => !char.IsWhiteSpace(c)))), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await StopHostAsync();
        }

        Callbacks.Dispose();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A real HTTP listener on a loopback port that records every status callback with its headers.</summary>
internal sealed class CallbackListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly List<(string Path, byte[] Body, string? Domain, string? Signature)> _received = [];

    private CallbackListener(HttpListener listener, string prefix)
    {
        _listener = listener;
        Prefix = prefix;
        _ = Task.Run(LoopAsync);
    }

    public string Prefix { get; }

    public IReadOnlyList<(string Path, byte[] Body, string? Domain, string? Signature)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static CallbackListener Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var prefix = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        return new CallbackListener(listener, prefix);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, body.ToArray(), context.Request.Headers["X-OpenDSR-Processor-Domain"], context.Request.Headers["X-OpenDSR-Signature"]));
            }

            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
